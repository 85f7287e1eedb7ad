//! Read-only ITU reference data: regions, offices, regional organisations, groups.

use axum::extract::{Path, State};
use axum::Json;
use serde::{Deserialize, Serialize};
use tandem_core::reference::{GroupKind, ReferenceData};
use tandem_core::{Phrase, RegionCode};
use utoipa::{IntoParams, ToSchema};

use crate::api::feed_tokens::Subscribe;
use crate::api::wire;
use crate::auth::Reader;
use crate::extract::ApiQuery;
use crate::problem::{field, ApiError, Problem};
use crate::state::AppState;

/// A city and its zone.
#[derive(Clone, Debug, Serialize, ToSchema)]
pub struct CityBody {
    /// City.
    pub city: String,
    /// Country.
    pub country: String,
    /// IANA zone.
    pub tz: String,
}

/// An ITU region.
#[derive(Clone, Debug, Serialize, ToSchema)]
pub struct RegionBody {
    /// Code.
    pub code: String,
    /// Name.
    pub name: String,
    /// Main cities.
    pub cities: Vec<CityBody>,
    /// The region's iCalendar feed.
    pub subscribe: Subscribe,
}

/// An ITU office.
#[derive(Clone, Debug, Serialize, ToSchema)]
pub struct OfficeBody {
    /// Id.
    pub id: String,
    /// Name.
    pub name: String,
    /// `headquarters`, `regional_office` or `area_office`.
    pub kind: String,
    /// City.
    pub city: String,
    /// Country.
    pub country: String,
    /// Region code.
    pub region: String,
    /// Zone.
    pub tz: String,
    /// Whether a source confirmed the record.
    pub verified: bool,
}

/// A regional telecommunication organisation.
#[derive(Clone, Debug, Serialize, ToSchema)]
pub struct OrganizationBody {
    /// Acronym.
    pub acronym: String,
    /// Name.
    pub name: String,
    /// Region codes.
    pub regions: Vec<String>,
    /// Seat.
    pub hq_city: Option<String>,
    /// Country of the seat.
    pub hq_country: Option<String>,
    /// Zone of the seat.
    pub tz: Option<String>,
    /// Whether a source confirmed the record.
    pub verified: bool,
}

/// A study group or regional group.
#[derive(Clone, Debug, Serialize, ToSchema)]
pub struct GroupBody {
    /// Code (`SG3RG-AFR`, `ITU-T-SG3`).
    pub code: String,
    /// `study_group` or `regional_group`.
    pub kind: String,
    /// `ITU-T` or `ITU-D`.
    pub sector: String,
    /// Title.
    pub title: String,
    /// Region code, for a regional group.
    pub region: Option<String>,
    /// Parent study group code, for a regional group.
    pub parent: Option<String>,
    /// Status in the current study period, where known.
    pub status: Option<String>,
    /// Whether a source confirmed the record.
    pub verified: bool,
    /// The group's iCalendar feed.
    pub subscribe: Subscribe,
}

/// Filter by region.
#[derive(Clone, Debug, Default, Deserialize, IntoParams)]
#[serde(deny_unknown_fields)]
#[into_params(parameter_in = Query)]
pub struct RegionFilter {
    /// Region code.
    #[param(value_type = Option<wire::RegionCodeName>)]
    pub region: Option<String>,
}

/// Filter of the group list.
#[derive(Clone, Debug, Default, Deserialize, IntoParams)]
#[serde(deny_unknown_fields)]
#[into_params(parameter_in = Query)]
pub struct GroupFilter {
    /// Region code.
    #[param(value_type = Option<wire::RegionCodeName>)]
    pub region: Option<String>,
    /// `study_group` or `regional_group`.
    #[param(value_type = Option<GroupKindName>)]
    pub kind: Option<String>,
}

/// The kind of a group, as the group filter takes it.
#[derive(Clone, Copy, Debug, ToSchema)]
#[schema(as = GroupKind)]
#[serde(rename_all = "snake_case")]
pub enum GroupKindName {
    /// An ITU-T or ITU-D study group.
    StudyGroup,
    /// An ITU-T regional group.
    RegionalGroup,
}

fn region_param(region: Option<&String>) -> Result<Option<RegionCode>, ApiError> {
    region
        .map(|r| {
            r.parse::<RegionCode>()
                .map_err(|e| ApiError::from(e.under("region")))
        })
        .transpose()
}

fn region_body(reference: &ReferenceData, code: RegionCode, base: &str) -> RegionBody {
    let cities = reference
        .region(code)
        .map(|r| {
            r.cities
                .iter()
                .map(|c| CityBody {
                    city: c.city.clone(),
                    country: c.country.clone(),
                    tz: c.tz.name().to_owned(),
                })
                .collect()
        })
        .unwrap_or_default();
    RegionBody {
        code: code.code().to_owned(),
        name: code.name().to_owned(),
        cities,
        subscribe: Subscribe::at(base, &format!("/feeds/regions/{}.ics", code.code())),
    }
}

/// The six ITU regions with their main cities and zones.
#[utoipa::path(get, path = "/api/v1/regions", tag = "reference",
    responses((status = 200, description = "Regions", body = [RegionBody])))]
pub async fn list_regions(
    State(state): State<AppState>,
    _reader: Reader,
) -> Result<Json<Vec<RegionBody>>, ApiError> {
    Ok(Json(
        RegionCode::ALL
            .iter()
            .map(|c| region_body(&state.app.reference, *c, state.settings.public_url()))
            .collect(),
    ))
}

/// One region.
#[utoipa::path(get, path = "/api/v1/regions/{code}", tag = "reference",
    params(("code" = String, Path, description = "Region code")),
    responses((status = 200, description = "Region", body = RegionBody),
              (status = 404, description = "No such region", body = Problem, content_type = "application/problem+json")))]
pub async fn get_region(
    State(state): State<AppState>,
    _reader: Reader,
    Path(code): Path<String>,
) -> Result<Json<RegionBody>, ApiError> {
    let code = code
        .parse::<RegionCode>()
        .map_err(|_| ApiError::not_found(no_region(&code)))?;
    Ok(Json(region_body(
        &state.app.reference,
        code,
        state.settings.public_url(),
    )))
}

/// ITU headquarters, regional and area offices.
#[utoipa::path(get, path = "/api/v1/offices", tag = "reference", params(RegionFilter),
    responses((status = 200, description = "Offices", body = [OfficeBody])))]
pub async fn list_offices(
    State(state): State<AppState>,
    _reader: Reader,
    ApiQuery(filter): ApiQuery<RegionFilter>,
) -> Result<Json<Vec<OfficeBody>>, ApiError> {
    let region = region_param(filter.region.as_ref())?;
    Ok(Json(
        state
            .app
            .reference
            .offices
            .iter()
            .filter(|o| region.is_none_or(|r| o.region == r))
            .map(|o| OfficeBody {
                id: o.id.clone(),
                name: o.name.clone(),
                kind: o.kind.clone(),
                city: o.city.clone(),
                country: o.country.clone(),
                region: o.region.code().to_owned(),
                tz: o.tz.name().to_owned(),
                verified: o.verified,
            })
            .collect(),
    ))
}

/// Regional telecommunication organisations.
#[utoipa::path(get, path = "/api/v1/organizations", tag = "reference", params(RegionFilter),
    responses((status = 200, description = "Organisations", body = [OrganizationBody])))]
pub async fn list_organizations(
    State(state): State<AppState>,
    _reader: Reader,
    ApiQuery(filter): ApiQuery<RegionFilter>,
) -> Result<Json<Vec<OrganizationBody>>, ApiError> {
    let region = region_param(filter.region.as_ref())?;
    Ok(Json(
        state
            .app
            .reference
            .regional_organizations
            .iter()
            .filter(|o| region.is_none_or(|r| o.regions.contains(&r)))
            .map(|o| OrganizationBody {
                acronym: o.acronym.clone(),
                name: o.name.clone(),
                regions: o.regions.iter().map(|r| r.code().to_owned()).collect(),
                hq_city: o.hq_city.clone(),
                hq_country: o.hq_country.clone(),
                tz: o.tz.map(|z| z.name().to_owned()),
                verified: o.verified,
            })
            .collect(),
    ))
}

fn group_body(g: &tandem_core::reference::Group, base: &str) -> GroupBody {
    GroupBody {
        code: g.code.clone(),
        kind: match g.kind {
            GroupKind::StudyGroup => "study_group",
            GroupKind::RegionalGroup => "regional_group",
        }
        .to_owned(),
        sector: g.sector.clone(),
        title: g.title.clone(),
        region: g.region.map(|r| r.code().to_owned()),
        parent: g.parent.clone(),
        status: g.status.clone(),
        verified: g.verified,
        subscribe: Subscribe::at(base, &format!("/feeds/groups/{}.ics", g.code)),
    }
}

/// Study groups and ITU-T regional groups.
#[utoipa::path(get, path = "/api/v1/groups", tag = "reference", params(GroupFilter),
    responses((status = 200, description = "Groups", body = [GroupBody]),
              (status = 400, description = "Invalid filter", body = Problem, content_type = "application/problem+json")))]
pub async fn list_groups(
    State(state): State<AppState>,
    _reader: Reader,
    ApiQuery(filter): ApiQuery<GroupFilter>,
) -> Result<Json<Vec<GroupBody>>, ApiError> {
    let region = region_param(filter.region.as_ref())?;
    let kind = match filter.kind.as_deref() {
        None => None,
        Some("study_group") => Some(GroupKind::StudyGroup),
        Some("regional_group") => Some(GroupKind::RegionalGroup),
        Some(other) => {
            return Err(field::one_of(
                "kind",
                other,
                format!("unknown kind '{other}': expected study_group or regional_group"),
                "study_group, regional_group",
            )
            .into())
        }
    };
    Ok(Json(
        state
            .app
            .reference
            .groups
            .iter()
            .filter(|g| region.is_none_or(|r| g.region == Some(r)))
            .filter(|g| kind.is_none_or(|k| g.kind == k))
            .map(|g| group_body(g, state.settings.public_url()))
            .collect(),
    ))
}

/// One group.
#[utoipa::path(get, path = "/api/v1/groups/{code}", tag = "reference",
    params(("code" = String, Path, description = "Group code")),
    responses((status = 200, description = "Group", body = GroupBody),
              (status = 404, description = "No such group", body = Problem, content_type = "application/problem+json")))]
pub async fn get_group(
    State(state): State<AppState>,
    _reader: Reader,
    Path(code): Path<String>,
) -> Result<Json<GroupBody>, ApiError> {
    state
        .app
        .reference
        .group(&code)
        .map(|g| Json(group_body(g, state.settings.public_url())))
        .ok_or_else(|| ApiError::not_found(no_group(&code)))
}

/// "No region CODE", with the codes there are.
pub(crate) fn no_region(code: &str) -> Phrase {
    Phrase::new(
        "problem-detail-no-region",
        format!("no region '{code}': expected AFR, AMS, ARB, ASP, CIS or EUR"),
    )
    .text("code", code)
}

/// "No group CODE".
pub(crate) fn no_group(code: &str) -> Phrase {
    Phrase::new("problem-detail-no-group", format!("no group '{code}'")).text("code", code)
}
