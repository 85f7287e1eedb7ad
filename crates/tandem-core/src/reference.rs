//! ITU reference data: regions, offices, regional organisations, study groups, regional
//! groups and the main cities of each region, read from `config/reference/itu.toml`.
//!
//! The file keeps its sources and `verified` flags; tandem carries the flag through so that
//! a page can say when a fact is unconfirmed. Parsing is pure: the caller reads the file.

use serde::{Deserialize, Serialize};

use crate::region::RegionCode;
use crate::time::Zone;

/// Everything the reference file says that tandem uses.
#[derive(Clone, Debug, Serialize)]
pub struct ReferenceData {
    /// The six ITU regions.
    pub regions: Vec<Region>,
    /// Headquarters, regional and area offices.
    pub offices: Vec<Office>,
    /// Regional telecommunication organisations.
    pub regional_organizations: Vec<RegionalOrganization>,
    /// Study groups and regional groups.
    pub groups: Vec<Group>,
}

/// An ITU region with its main cities.
#[derive(Clone, Debug, Serialize)]
pub struct Region {
    /// Code such as `AFR`.
    pub code: RegionCode,
    /// Name such as `Africa`.
    pub name: &'static str,
    /// Main cities and their zones.
    pub cities: Vec<City>,
}

/// A city and its zone.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct City {
    /// City name.
    pub city: String,
    /// Country name.
    pub country: String,
    /// IANA zone.
    pub tz: Zone,
}

/// An ITU office.
#[derive(Clone, Debug, Serialize)]
pub struct Office {
    /// Identifier such as `AO-YAO`.
    pub id: String,
    /// Full name.
    pub name: String,
    /// `headquarters`, `regional_office` or `area_office`.
    pub kind: String,
    /// City.
    pub city: String,
    /// Country.
    pub country: String,
    /// Region served.
    pub region: RegionCode,
    /// Zone of the city.
    pub tz: Zone,
    /// Whether a source confirmed the record.
    pub verified: bool,
}

/// A regional telecommunication organisation.
#[derive(Clone, Debug, Serialize)]
pub struct RegionalOrganization {
    /// Acronym such as `ATU`.
    pub acronym: String,
    /// Full name.
    pub name: String,
    /// Regions it covers.
    pub regions: Vec<RegionCode>,
    /// Seat of its secretariat.
    pub hq_city: Option<String>,
    /// Country of its secretariat.
    pub hq_country: Option<String>,
    /// Zone of its seat.
    pub tz: Option<Zone>,
    /// Whether a source confirmed the record.
    pub verified: bool,
}

/// Whether a group is a study group or a regional group of one.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum GroupKind {
    /// An ITU-T or ITU-D study group.
    StudyGroup,
    /// An ITU-T regional group.
    RegionalGroup,
}

/// A study group (`ITU-T-SG3`) or regional group (`SG3RG-AFR`).
#[derive(Clone, Debug, Serialize)]
pub struct Group {
    /// The code used on the wire and in feed URLs.
    pub code: String,
    /// Study group or regional group.
    pub kind: GroupKind,
    /// `ITU-T` or `ITU-D`.
    pub sector: String,
    /// Title (study groups) or parent study group (regional groups).
    pub title: String,
    /// The region of a regional group.
    pub region: Option<RegionCode>,
    /// The parent study group's code, for a regional group.
    pub parent: Option<String>,
    /// Whether the group exists in the current study period, where known.
    pub status: Option<String>,
    /// Whether a source confirmed the record.
    pub verified: bool,
}

/// Why the reference file could not be read.
#[derive(Debug, thiserror::Error)]
pub enum ReferenceError {
    /// Not valid TOML, or missing fields.
    #[error("reference data is not valid: {0}")]
    Syntax(#[from] toml::de::Error),
    /// A region name that is not one of the six.
    #[error("reference data names an unknown ITU region '{0}'")]
    UnknownRegion(String),
}

#[derive(Deserialize)]
struct RawFile {
    #[serde(default)]
    offices: Vec<RawOffice>,
    #[serde(default)]
    regional_organizations: Vec<RawOrganization>,
    #[serde(default)]
    study_groups: Vec<RawStudyGroup>,
    #[serde(default)]
    regional_groups: Vec<RawRegionalGroup>,
    #[serde(default)]
    region_zones: Vec<RawRegionZones>,
}

#[derive(Deserialize)]
struct RawOffice {
    id: String,
    name: String,
    kind: String,
    city: String,
    country: String,
    itu_region: String,
    iana_tz: Zone,
    #[serde(default)]
    verified: bool,
}

#[derive(Deserialize)]
struct RawOrganization {
    acronym: String,
    name: String,
    itu_regions: Vec<String>,
    hq_city: Option<String>,
    hq_country: Option<String>,
    iana_tz: Option<Zone>,
    #[serde(default)]
    verified: bool,
}

#[derive(Deserialize)]
struct RawStudyGroup {
    id: String,
    sector: String,
    title_2025_2028: Option<String>,
    title_2022_2025: Option<String>,
    title_2022_2024: Option<String>,
    exists_2025_2028: Option<bool>,
    #[serde(default)]
    exists_2025_2028_verified: bool,
    #[serde(default)]
    title_2025_2028_verified: bool,
}

#[derive(Deserialize)]
struct RawRegionalGroup {
    code: String,
    parent_sg: String,
    region: String,
    status_2025_2028: Option<String>,
    #[serde(default)]
    verified: bool,
}

#[derive(Deserialize)]
struct RawRegionZones {
    region: String,
    cities: Vec<City>,
}

fn region(name: &str) -> Result<RegionCode, ReferenceError> {
    RegionCode::from_name(name).ok_or_else(|| ReferenceError::UnknownRegion(name.to_owned()))
}

/// The wire code of a study group id: `ITU-T SG3` becomes `ITU-T-SG3`.
pub fn study_group_code(id: &str) -> String {
    id.split_whitespace().collect::<Vec<_>>().join("-")
}

impl ReferenceData {
    /// Parses the reference file's text.
    pub fn parse(text: &str) -> Result<Self, ReferenceError> {
        let raw: RawFile = toml::from_str(text)?;
        let mut regions: Vec<Region> = RegionCode::ALL
            .iter()
            .map(|code| Region {
                code: *code,
                name: code.name(),
                cities: Vec::new(),
            })
            .collect();
        for zones in raw.region_zones {
            let code = region(&zones.region)?;
            if let Some(r) = regions.iter_mut().find(|r| r.code == code) {
                r.cities.extend(zones.cities);
            }
        }
        let offices = raw
            .offices
            .into_iter()
            .map(|o| {
                Ok(Office {
                    region: region(&o.itu_region)?,
                    id: o.id,
                    name: o.name,
                    kind: o.kind,
                    city: o.city,
                    country: o.country,
                    tz: o.iana_tz,
                    verified: o.verified,
                })
            })
            .collect::<Result<_, ReferenceError>>()?;
        let regional_organizations = raw
            .regional_organizations
            .into_iter()
            .map(|o| {
                Ok(RegionalOrganization {
                    regions: o
                        .itu_regions
                        .iter()
                        .map(|r| region(r))
                        .collect::<Result<_, _>>()?,
                    acronym: o.acronym,
                    name: o.name,
                    hq_city: o.hq_city,
                    hq_country: o.hq_country,
                    tz: o.iana_tz,
                    verified: o.verified,
                })
            })
            .collect::<Result<_, ReferenceError>>()?;
        let mut groups: Vec<Group> = raw
            .study_groups
            .into_iter()
            .map(|g| Group {
                code: study_group_code(&g.id),
                kind: GroupKind::StudyGroup,
                sector: g.sector,
                title: g
                    .title_2025_2028
                    .or(g.title_2022_2025)
                    .or(g.title_2022_2024)
                    .unwrap_or_default(),
                region: None,
                parent: None,
                status: g
                    .exists_2025_2028
                    .map(|e| if e { "active" } else { "closed" }.to_owned()),
                verified: g.exists_2025_2028_verified || g.title_2025_2028_verified,
            })
            .collect();
        for g in raw.regional_groups {
            groups.push(Group {
                region: Some(region(&g.region)?),
                parent: Some(study_group_code(&g.parent_sg)),
                title: format!("{} regional group for {}", g.parent_sg, g.region),
                sector: "ITU-T".to_owned(),
                code: g.code,
                kind: GroupKind::RegionalGroup,
                status: g.status_2025_2028,
                verified: g.verified,
            });
        }
        Ok(Self {
            regions,
            offices,
            regional_organizations,
            groups,
        })
    }

    /// The group with this code.
    pub fn group(&self, code: &str) -> Option<&Group> {
        self.groups.iter().find(|g| g.code == code)
    }

    /// The region with this code.
    pub fn region(&self, code: RegionCode) -> Option<&Region> {
        self.regions.iter().find(|r| r.code == code)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const SAMPLE: &str = r#"
[[offices]]
id = "AO-YAO"
name = "ITU Area Office for Central Africa"
kind = "area_office"
city = "Yaounde"
country = "Cameroon"
itu_region = "Africa"
iana_tz = "Africa/Douala"
verified = false

[[study_groups]]
id = "ITU-T SG3"
sector = "ITU-T"
number = 3
title_2025_2028 = "Economic and policy issues"
exists_2025_2028 = true

[[regional_groups]]
code = "SG3RG-AFR"
parent_sg = "ITU-T SG3"
region = "Africa"
status_2025_2028 = "confirmed"
verified = true

[[region_zones]]
region = "Arab States"
cities = [{ city = "Cairo", country = "Egypt", tz = "Africa/Cairo" }]
"#;

    #[test]
    fn parses_the_parts_tandem_uses() {
        let r = ReferenceData::parse(SAMPLE).unwrap();
        assert_eq!(r.regions.len(), 6);
        assert_eq!(r.offices[0].region, RegionCode::AFR);
        assert_eq!(r.offices[0].tz.name(), "Africa/Douala");
        let g = r.group("SG3RG-AFR").unwrap();
        assert_eq!(g.parent.as_deref(), Some("ITU-T-SG3"));
        assert!(r.group("ITU-T-SG3").is_some());
        assert_eq!(r.region(RegionCode::ARB).unwrap().cities[0].city, "Cairo");
    }

    #[test]
    fn unknown_region_or_zone_is_an_error() {
        let bad = SAMPLE.replace("itu_region = \"Africa\"", "itu_region = \"Oceania\"");
        assert!(matches!(
            ReferenceData::parse(&bad),
            Err(ReferenceError::UnknownRegion(_))
        ));
        let bad = SAMPLE.replace("Africa/Cairo", "Africa/Alexandria");
        assert!(ReferenceData::parse(&bad).is_err());
    }
}
