//! Venues on PostgreSQL.

use async_trait::async_trait;
use chrono::{DateTime, Utc};
use sqlx::{PgConnection, Postgres, QueryBuilder, Row};
use tandem_core::{GeoPoint, VenueDraft};
use tracing::instrument;
use uuid::Uuid;

use super::{Room, SeedVenue, Venue, VenueStore};
use crate::error::{StoreError, StoreResult};
use crate::meta::postgres::bump_revision;
use crate::postgres::PostgresStore;
use crate::rows::{self, MAX_BINDS};

/// Writes venues and their rooms (with the ids they carry) inside the caller's transaction;
/// the caller bumps the revision.
pub(crate) async fn insert(
    conn: &mut PgConnection,
    venues: &[SeedVenue],
    now: DateTime<Utc>,
) -> StoreResult<()> {
    for chunk in venues.chunks(MAX_BINDS / 11) {
        QueryBuilder::<Postgres>::new(
            "INSERT INTO venues (id, name, city, country, tz, weekend, holiday_calendar, latitude, \
             longitude, created_at, updated_at) ",
        )
        .push_values(chunk, |mut b, v| {
            b.push_bind(v.id)
                .push_bind(v.draft.name.as_str())
                .push_bind(v.draft.city.as_str())
                .push_bind(v.draft.country.as_str())
                .push_bind(v.draft.tz.name())
                .push_bind(v.draft.weekend.to_string())
                .push_bind(v.draft.holiday_calendar.as_deref())
                .push_bind(v.draft.geo.map(|g| g.lat))
                .push_bind(v.draft.geo.map(|g| g.lon))
                .push_bind(now)
                .push_bind(now);
        })
        .build()
        .execute(&mut *conn)
        .await?;
    }
    for chunk in SeedVenue::rooms(venues).chunks(MAX_BINDS / 5) {
        QueryBuilder::<Postgres>::new(
            "INSERT INTO rooms (id, venue_id, name, capacity, position) ",
        )
        .push_values(chunk, |mut b, (venue, id, room, i)| {
            b.push_bind(*id)
                .push_bind(*venue)
                .push_bind(room.name.as_str())
                .push_bind(i32::try_from(room.capacity).unwrap_or(i32::MAX))
                .push_bind(rows::position(*i));
        })
        .build()
        .execute(&mut *conn)
        .await?;
    }
    Ok(())
}

/// One venue with its rooms, read on the caller's connection.
pub(crate) async fn venue_in(conn: &mut PgConnection, id: Uuid) -> StoreResult<Option<Venue>> {
    let Some(row) = sqlx::query(
        "SELECT id, name, city, country, tz, weekend, holiday_calendar, latitude, longitude, created_at, updated_at \
         FROM venues WHERE id = $1",
    )
    .bind(id)
    .fetch_optional(&mut *conn)
    .await?
    else {
        return Ok(None);
    };
    let rooms =
        sqlx::query("SELECT id, name, capacity FROM rooms WHERE venue_id = $1 ORDER BY position")
            .bind(id)
            .fetch_all(&mut *conn)
            .await?
            .iter()
            .map(|r| {
                Ok(Room {
                    id: r.try_get("id")?,
                    name: r.try_get("name")?,
                    capacity: u32::try_from(r.try_get::<i32, _>("capacity")?).unwrap_or(0),
                })
            })
            .collect::<Result<Vec<_>, StoreError>>()?;
    Ok(Some(Venue {
        id,
        name: row.try_get("name")?,
        city: row.try_get("city")?,
        country: row.try_get("country")?,
        tz: rows::zone(&row.try_get::<String, _>("tz")?)?,
        weekend: rows::weekend(&row.try_get::<String, _>("weekend")?)?,
        holiday_calendar: row.try_get("holiday_calendar")?,
        rooms,
        geo: match (
            row.try_get::<Option<f64>, _>("latitude")?,
            row.try_get::<Option<f64>, _>("longitude")?,
        ) {
            (Some(lat), Some(lon)) => Some(GeoPoint { lat, lon }),
            _ => None,
        },
        created_at: row.try_get("created_at")?,
        updated_at: row.try_get("updated_at")?,
    }))
}

fn not_found(id: Uuid) -> StoreError {
    StoreError::NotFound {
        entity: "venue",
        id,
    }
}

#[async_trait]
impl VenueStore for PostgresStore {
    #[instrument(skip_all, fields(name = %draft.name))]
    async fn create_venue(&self, draft: &VenueDraft) -> StoreResult<Venue> {
        let venue = SeedVenue::fresh(draft);
        let now = self.clock.now();
        let mut tx = self.pool.begin().await?;
        insert(&mut tx, std::slice::from_ref(&venue), now).await?;
        bump_revision(&mut tx, now).await?;
        let stored = venue_in(&mut tx, venue.id)
            .await?
            .ok_or_else(|| not_found(venue.id))?;
        tx.commit().await?;
        Ok(stored)
    }

    async fn venue(&self, id: Uuid) -> StoreResult<Venue> {
        let mut conn = self.pool.acquire().await?;
        venue_in(&mut conn, id).await?.ok_or_else(|| not_found(id))
    }

    async fn venues(&self) -> StoreResult<Vec<Venue>> {
        let mut conn = self.pool.acquire().await?;
        let ids: Vec<Uuid> = sqlx::query_scalar("SELECT id FROM venues ORDER BY name, id")
            .fetch_all(&mut *conn)
            .await?;
        let mut venues = Vec::with_capacity(ids.len());
        for id in ids {
            if let Some(v) = venue_in(&mut conn, id).await? {
                venues.push(v);
            }
        }
        Ok(venues)
    }
}
