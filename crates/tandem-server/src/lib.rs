//! tandem-server
