//! Who runs a use case: the token record of a signed-in organiser or an API client, or
//! nobody. The adapters find it (a bearer token, a session, the command line); the use
//! cases decide what it may do.

use tandem_core::{Event, ParticipantId, Phrase, RegionCode};
use tandem_store::{Role, TokenRecord};

use crate::error::AppError;

/// Who is calling.
#[derive(Clone, Debug)]
pub enum Caller {
    /// Nobody in particular (an anonymous reader).
    Anonymous,
    /// The holder of an API token (a bearer token, or a signed-in organiser's session).
    Token(TokenRecord),
    /// Whoever runs the command line on the database itself: every right, no token.
    Operator,
    /// The holder of a live private feed token of this participant (DESIGN §7), reading one
    /// event: it reads what an anonymous reader does, and that participant's own address
    /// (DESIGN §15). It changes nothing and is no API token.
    Participant(ParticipantId),
}

impl Caller {
    /// The caller of a request that carried `token`, or none.
    pub fn from_token(token: Option<TokenRecord>) -> Self {
        token.map_or(Caller::Anonymous, Caller::Token)
    }

    /// The caller's token, if it presented one.
    pub fn token(&self) -> Option<&TokenRecord> {
        match self {
            Caller::Token(token) => Some(token),
            Caller::Anonymous | Caller::Operator | Caller::Participant(_) => None,
        }
    }

    /// Refuses an anonymous caller ([`AppError::Unauthorized`]).
    pub fn authenticated(&self) -> Result<(), AppError> {
        match self {
            Caller::Anonymous => Err(AppError::Unauthorized(Phrase::new(
                "problem-detail-token-needed",
                "this needs a token: send 'Authorization: Bearer <token>'",
            ))),
            Caller::Token(_) | Caller::Operator => Ok(()),
            Caller::Participant(_) => Err(AppError::Forbidden(Phrase::new(
                "problem-detail-feed-token-reads-only",
                "a feed token only reads its participant's events; this needs an API token",
            ))),
        }
    }

    /// Allows an admin (or the operator), or an organiser whose regions include every one
    /// of `regions`.
    pub fn require_write(&self, regions: &[RegionCode]) -> Result<(), AppError> {
        self.authenticated()?;
        let Caller::Token(token) = self else {
            return Ok(());
        };
        match token.role {
            Role::Admin => Ok(()),
            Role::Organiser => match regions.iter().find(|r| !token.regions.contains(r)) {
                None => Ok(()),
                Some(outside) if token.regions.is_empty() => Err(AppError::Forbidden(
                    Phrase::new(
                        "problem-detail-region-none",
                        format!(
                            "this organiser token covers no region; region {outside} is outside it"
                        ),
                    )
                    .text("region", outside.code()),
                )),
                Some(outside) => {
                    let regions: Vec<&str> = token.regions.iter().map(|r| r.code()).collect();
                    Err(AppError::Forbidden(
                        Phrase::new(
                            "problem-detail-region-outside",
                            format!(
                                "this organiser token covers {}; region {outside} is outside it",
                                regions.join(", ")
                            ),
                        )
                        .text("regions", regions.join(", "))
                        .text("region", outside.code()),
                    ))
                }
            },
            Role::Viewer => Err(AppError::Forbidden(Phrase::new(
                "problem-detail-viewer-read-only",
                "a viewer token cannot change anything",
            ))),
        }
    }

    /// Allows reads: anyone when reads are public, else any valid token.
    pub fn require_read(&self, public_reads: bool) -> Result<(), AppError> {
        if public_reads {
            Ok(())
        } else {
            self.authenticated()
        }
    }

    /// The regions this caller sees in its own views (`None`: all of them, for an admin or
    /// the operator).
    pub fn own_regions(&self) -> Option<&[RegionCode]> {
        match self {
            Caller::Token(token) if token.role == Role::Admin => None,
            Caller::Token(token) => Some(&token.regions),
            Caller::Operator => None,
            Caller::Anonymous | Caller::Participant(_) => Some(&[]),
        }
    }

    /// Who the caller is in a record (the token's label, else its id).
    pub fn name(&self) -> Result<String, AppError> {
        self.authenticated()?;
        Ok(match self {
            Caller::Token(token) => token
                .label
                .clone()
                .unwrap_or_else(|| format!("token {}", token.id)),
            Caller::Operator | Caller::Anonymous | Caller::Participant(_) => {
                "the operator (command line)".to_owned()
            }
        })
    }

    /// Whether this caller reads the e-mail address of `participant` of `event` (DESIGN
    /// §15): an admin or an organiser of the event's region (a token, not the command line's
    /// operator, who reads the database anyway), or that participant's own feed token.
    pub fn reads_address_of(&self, event: &Event, participant: &ParticipantId) -> bool {
        match self {
            Caller::Token(_) => self.require_write(&[event.draft.region]).is_ok(),
            Caller::Participant(own) => own == participant,
            Caller::Anonymous | Caller::Operator => false,
        }
    }
}
