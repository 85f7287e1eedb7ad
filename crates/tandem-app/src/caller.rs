//! Who runs a use case: the token record of a signed-in organiser or an API client, or
//! nobody. The adapters find it (a bearer token, a session, the command line); the use
//! cases decide what it may do.

use tandem_core::RegionCode;
use tandem_store::{Role, TokenRecord};

use crate::error::AppError;

/// Who is calling: the token record, or nobody.
#[derive(Clone, Debug)]
pub struct Caller(pub Option<TokenRecord>);

impl Caller {
    /// Nobody in particular (an anonymous reader).
    pub fn anonymous() -> Self {
        Caller(None)
    }

    /// The caller's token, or [`AppError::Unauthorized`].
    pub fn authenticated(&self) -> Result<&TokenRecord, AppError> {
        self.0.as_ref().ok_or_else(|| {
            AppError::Unauthorized(
                "this needs a token: send 'Authorization: Bearer <token>'".into(),
            )
        })
    }

    /// Allows an admin, or an organiser whose regions include every one of `regions`.
    pub fn require_write(&self, regions: &[RegionCode]) -> Result<&TokenRecord, AppError> {
        let token = self.authenticated()?;
        match token.role {
            Role::Admin => Ok(token),
            Role::Organiser => match regions.iter().find(|r| !token.regions.contains(r)) {
                None => Ok(token),
                Some(outside) => Err(AppError::Forbidden(format!(
                    "this organiser token covers {}; region {outside} is outside it",
                    if token.regions.is_empty() {
                        "no region".to_owned()
                    } else {
                        token
                            .regions
                            .iter()
                            .map(|r| r.code())
                            .collect::<Vec<_>>()
                            .join(", ")
                    }
                ))),
            },
            Role::Viewer => Err(AppError::Forbidden(
                "a viewer token cannot change anything".into(),
            )),
        }
    }

    /// Allows reads: anyone when reads are public, else any valid token.
    pub fn require_read(&self, public_reads: bool) -> Result<(), AppError> {
        if public_reads {
            Ok(())
        } else {
            self.authenticated().map(|_| ())
        }
    }

    /// The regions this caller sees in its own views (`None`: all of them, for an admin).
    pub fn own_regions(&self) -> Option<&[RegionCode]> {
        match &self.0 {
            Some(token) if token.role == Role::Admin => None,
            Some(token) => Some(&token.regions),
            None => Some(&[]),
        }
    }

    /// Who the caller is in a record (the token's label, else its id).
    pub fn name(&self) -> Result<String, AppError> {
        let token = self.authenticated()?;
        Ok(token
            .label
            .clone()
            .unwrap_or_else(|| format!("token {}", token.id)))
    }
}
