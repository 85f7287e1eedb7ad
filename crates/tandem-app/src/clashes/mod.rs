//! Clashes (DESIGN §6) as use cases: list them a page at a time, with the suggestions of
//! [`suggest`]; show one with its history; resolve one by applying a suggestion. The rules
//! themselves are `tandem_core::clash` (pure); [`check`] applies them to stored events and
//! keeps each event's clash list current after every write.

pub mod check;
pub mod suggest;

use chrono::{DateTime, Utc};
use tandem_core::clash::{Clash, Severity};
use tandem_core::Event;
use tandem_core::{EventDraft, EventTiming, FieldErrors, Phrase};
use tandem_store::{ClashFilter, ClashResolution, NewResolution};
use tracing::instrument;
use uuid::Uuid;

pub use self::suggest::{SuggestedRoom, Suggestion, SuggestionAction};
use crate::{App, AppError, AppResult, Caller};

/// A clash with the ways to resolve it.
#[derive(Clone, Debug)]
pub struct ClashWithSuggestions {
    /// The clash.
    pub clash: Clash,
    /// Ways to resolve it, fewest clashes left first (empty when not asked for).
    pub suggestions: Vec<Suggestion>,
}

/// Which page of the clash list.
#[derive(Clone, Copy, Debug)]
pub struct ClashPage {
    /// Only clashes after this (start, id), in list order.
    pub after: Option<(DateTime<Utc>, Uuid)>,
    /// Page size.
    pub limit: u32,
    /// Whether to compute suggestions.
    pub suggestions: bool,
}

/// One page of the clash list.
#[derive(Clone, Debug)]
pub struct ClashList {
    /// Clashes by start, then id.
    pub items: Vec<ClashWithSuggestions>,
    /// Whether there may be a next page (after the last item).
    pub more: bool,
}

/// The current clashes matching `filter`, a page at a time (by start, then id).
#[instrument(skip_all)]
pub async fn list(app: &App, filter: &ClashFilter, page: ClashPage) -> AppResult<ClashList> {
    // The rows are cheap; the suggestions are not: they are computed for one page only.
    let mut clashes = app.store.clashes(filter).await?;
    clashes.sort_by_key(|c| (c.start, c.id));
    let mut rest = clashes
        .into_iter()
        .filter(|c| page.after.is_none_or(|a| (c.start, c.id) > a));
    let chosen: Vec<Clash> = rest.by_ref().take(page.limit as usize).collect();
    let more = rest.next().is_some();
    let mut items = Vec::with_capacity(chosen.len());
    for clash in chosen {
        items.push(with_suggestions(app, clash, page.suggestions).await?);
    }
    Ok(ClashList { items, more })
}

async fn with_suggestions(
    app: &App,
    clash: Clash,
    wanted: bool,
) -> AppResult<ClashWithSuggestions> {
    let suggestions = if wanted {
        suggest::suggestions(app, &clash).await?
    } else {
        Vec::new()
    };
    Ok(ClashWithSuggestions { clash, suggestions })
}

/// One clash and what became of it.
#[derive(Clone, Debug)]
pub struct ClashRecord {
    /// The clash with its suggestions, while it stands.
    pub clash: Option<ClashWithSuggestions>,
    /// Resolutions applied, oldest first.
    pub history: Vec<ClashResolution>,
}

/// One clash with its suggestions and its history; a resolved clash has its history only.
pub async fn get(app: &App, id: Uuid) -> AppResult<ClashRecord> {
    let clash = app.store.clash(id).await?;
    let history = app.store.clash_resolutions(id).await?;
    if clash.is_none() && history.is_empty() {
        return Err(AppError::no_such(
            "clash",
            id,
            format!("no clash with id '{id}'"),
        ));
    }
    let clash = match clash {
        Some(c) => Some(with_suggestions(app, c, true).await?),
        None => None,
    };
    Ok(ClashRecord { clash, history })
}

/// A clash of the caller's dashboard, with the event it is about.
#[derive(Clone, Debug)]
pub struct DashboardClash {
    /// The clash.
    pub clash: Clash,
    /// The event it is about.
    pub event: Event,
    /// Ways to resolve it.
    pub suggestions: Vec<Suggestion>,
}

/// Every current clash of the caller's regions (all of them for an admin), hard ones
/// first, then by start, with suggestions.
#[instrument(skip_all)]
pub async fn for_caller(app: &App, caller: &Caller) -> AppResult<Vec<DashboardClash>> {
    caller.authenticated()?;
    let regions = caller.own_regions();
    let mut rows = Vec::new();
    for clash in app.store.clashes(&ClashFilter::default()).await? {
        let event = app.store.event(clash.event_id).await?;
        if regions.is_some_and(|mine| !mine.contains(&event.draft.region)) {
            continue;
        }
        let suggestions = suggest::suggestions(app, &clash).await?;
        rows.push(DashboardClash {
            clash,
            event,
            suggestions,
        });
    }
    rows.sort_by_key(|row| row.clash.severity != Severity::Hard);
    Ok(rows)
}

/// What a resolution did.
#[derive(Clone, Debug)]
pub struct Resolved {
    /// The clash resolved.
    pub clash_id: Uuid,
    /// The suggestion applied.
    pub applied: Suggestion,
    /// The event as it is now (version and SEQUENCE bumped).
    pub event: Event,
    /// The record of the resolution.
    pub resolution: ClashResolution,
    /// The event's clashes now.
    pub clashes: Vec<Clash>,
}

/// Applies one suggestion of a clash: the event is updated against the version the
/// suggestion was computed from (or `expected`), so a concurrent change is
/// [`AppError::PreconditionFailed`] and a room taken meanwhile [`AppError::RoomTaken`];
/// the change and its record are one transaction. SEQUENCE is bumped.
#[instrument(skip_all, fields(%id))]
pub async fn resolve(
    app: &App,
    caller: &Caller,
    id: Uuid,
    suggestion: &str,
    expected: Option<i64>,
) -> AppResult<Resolved> {
    let store = app.store();
    let Some(clash) = store.clash(id).await? else {
        return Err(AppError::NotFound(
            Phrase::new(
                "problem-detail-no-open-clash",
                format!("no open clash with id '{id}' (it may have been resolved: GET it for its history)"),
            )
            .text("id", id.to_string()),
        ));
    };
    let all = suggest::suggestions(app, &clash).await?;
    let Some(chosen) = all.into_iter().find(|s| s.id == suggestion) else {
        return Err(AppError::Conflict(
            Phrase::new(
                "problem-detail-suggestion-stale",
                format!("suggestion '{suggestion}' does not apply to clash {id} now; GET the clash for current suggestions"),
            )
            .text("suggestion", suggestion)
            .text("id", id.to_string()),
        ));
    };
    let event = store.event(chosen.event_id).await?;
    caller.require_write(&[event.draft.region])?;
    let version = expected.unwrap_or(chosen.event_version);
    if version != event.version {
        return Err(AppError::PreconditionFailed {
            expected: version,
            current: event.version,
        });
    }
    let timing = EventTiming::new(event.zone(), chosen.start, chosen.end, event.rrule())
        .map_err(FieldErrors)?;
    let room = chosen.room.as_ref().map(|r| r.id).or(event.draft.room_id);
    let draft = EventDraft {
        timing,
        room_id: room,
        ..event.draft.clone()
    };
    let action = serde_json::json!({
        "suggestion": chosen.id,
        "action": chosen.action.as_str(),
        "start": tandem_core::time::format_local_datetime(chosen.start),
        "end": tandem_core::time::format_local_datetime(chosen.end),
        "tz": chosen.tz.name(),
        "room_id": chosen.room.as_ref().map(|r| r.id),
    });
    let (updated, resolution) = store
        .apply_resolution(
            version,
            &draft,
            &NewResolution {
                clash_id: clash.id,
                event_id: event.id,
                resolved_by: caller.name()?,
                action: action.to_string(),
                clash: serde_json::to_string(&clash).unwrap_or_default(),
                version_before: event.version,
                version_after: event.version + 1,
            },
        )
        .await?;
    let now = check::refresh_all(app, &updated).await?;
    tracing::info!(clash_id = %clash.id, event_id = %event.id, "clash resolved");
    Ok(Resolved {
        clash_id: clash.id,
        applied: chosen,
        event: updated,
        resolution,
        clashes: now,
    })
}
