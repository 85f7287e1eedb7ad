//! Imported calendars (DESIGN §8) as use cases: import one (fetched or uploaded), refresh it
//! now, delete it, read them. After every change the clash lists of whoever owns the
//! calendar are brought up to date.

use tandem_core::Phrase;
use tandem_store::{Calendar, CalendarFilter};
use tracing::instrument;
use uuid::Uuid;

use crate::clashes::check;
use crate::import::fetch::Progress;
use crate::import::{ImportError, ImportRequest};
use crate::{App, AppError, AppResult, Caller};

impl From<ImportError> for AppError {
    fn from(error: ImportError) -> Self {
        match error {
            ImportError::Invalid(error) => error.into(),
            ImportError::Unreachable(message) => AppError::Unreachable {
                field: "url",
                reason: Phrase::new("problem-detail-fetch-failed", message.clone())
                    .text("reason", message),
            },
            e @ ImportError::NotRefreshable => AppError::Conflict(Phrase::new(
                "problem-detail-calendar-not-refreshable",
                e.to_string(),
            )),
            e @ ImportError::Busy => {
                AppError::Conflict(Phrase::new("problem-detail-calendar-busy", e.to_string()))
            }
            ImportError::Store(e) => e.into(),
            ImportError::Internal(e) => AppError::Internal(e),
        }
    }
}

/// Imports a calendar (any writer: calendars belong to no region). A URL is fetched and
/// read now: nothing is stored unless it could be. A venue's new calendar replaces its
/// holiday calendar.
#[instrument(skip_all)]
pub async fn import(
    app: &App,
    caller: &Caller,
    request: ImportRequest,
    progress: &dyn Progress,
) -> AppResult<Calendar> {
    caller.require_write(&[])?;
    let calendar = app.importer.import(app.store(), request, progress).await?;
    check::recheck_owner(app, &calendar.owner).await;
    Ok(calendar)
}

/// Refreshes a calendar from its URL now: a new copy, 304 Not Modified, or a failure
/// recorded in `last_error` while the previous copy stays in force.
#[instrument(skip_all, fields(%id))]
pub async fn refresh(app: &App, caller: &Caller, id: Uuid) -> AppResult<Calendar> {
    caller.require_write(&[])?;
    let calendar = app.importer.refresh_now(app.store(), id).await?;
    check::recheck_owner(app, &calendar.owner).await;
    Ok(calendar)
}

/// Deletes an imported calendar.
#[instrument(skip_all, fields(%id))]
pub async fn delete(app: &App, caller: &Caller, id: Uuid) -> AppResult<()> {
    caller.require_write(&[])?;
    let owner = app.store.calendar(id).await.ok().map(|c| c.owner);
    app.store.delete_calendar(id).await?;
    if let Some(owner) = &owner {
        check::recheck_owner(app, owner).await;
    }
    Ok(())
}

/// Imported calendars matching `filter`, by name.
pub async fn list(app: &App, filter: &CalendarFilter) -> AppResult<Vec<Calendar>> {
    Ok(app.store.calendars(filter).await?)
}

/// One imported calendar.
pub async fn get(app: &App, id: Uuid) -> AppResult<Calendar> {
    Ok(app.store.calendar(id).await?)
}

#[cfg(test)]
mod tests {
    use tandem_core::{FieldError, Phrase};
    use tandem_store::StoreError;

    use super::*;

    fn no_venue() -> Phrase {
        Phrase::new("reference-no-venue", "no venue with id 42").text("id", "42")
    }

    fn the_one_error(error: AppError) -> FieldError {
        match error {
            AppError::Invalid(errors) => {
                assert_eq!(errors.0.len(), 1, "{errors}");
                errors.0.into_iter().next().expect("one error")
            }
            other => panic!("expected Invalid, got {other:?}"),
        }
    }

    #[test]
    fn an_invalid_reference_of_the_store_keeps_its_phrase() {
        let error = the_one_error(AppError::from(StoreError::InvalidReference {
            field: "venue_id",
            phrase: no_venue(),
        }));
        assert_eq!(error.field, "venue_id");
        assert_eq!(error.message, "no venue with id 42");
        assert_eq!(error.phrase, Some(no_venue()));
    }

    #[test]
    fn an_invalid_import_keeps_its_phrase_whether_it_came_from_the_store_or_not() {
        let error = the_one_error(AppError::from(ImportError::Invalid(FieldError::said(
            "venue_id",
            no_venue(),
        ))));
        assert_eq!(error.phrase, Some(no_venue()));
        let error = the_one_error(AppError::from(ImportError::Store(
            StoreError::InvalidReference {
                field: "venue_id",
                phrase: no_venue(),
            },
        )));
        assert_eq!(
            (error.field.as_str(), error.phrase),
            ("venue_id", Some(no_venue()))
        );
    }
}
