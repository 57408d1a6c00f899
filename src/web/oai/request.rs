//! OAI-PMH requests: from query arguments to a checked [`Request`], or the protocol error that
//! the arguments deserve; date bounds; resumption tokens.
//!
//! Pure parsing, no IO. Datestamps are compared as `YYYY-MM-DDThh:mm:ssZ` strings, which sort
//! like the times they name.

use std::collections::BTreeMap;

/// The one metadata format served.
pub const OAI_DC: &str = "oai_dc";

/// A protocol error: its `code` attribute and a message for the harvester's operator.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OaiError {
    pub code: &'static str,
    pub message: String,
}

impl OaiError {
    pub fn new(code: &'static str, message: impl Into<String>) -> OaiError {
        OaiError {
            code,
            message: message.into(),
        }
    }

    fn bad_argument(message: impl Into<String>) -> OaiError {
        OaiError::new("badArgument", message)
    }

    /// Whether the response's `<request>` element must drop its attributes (spec 3.2).
    pub fn hides_arguments(&self) -> bool {
        matches!(self.code, "badVerb" | "badArgument")
    }
}

/// A checked request.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Request {
    Identify,
    ListMetadataFormats {
        identifier: Option<String>,
    },
    ListSets,
    GetRecord {
        identifier: String,
    },
    /// ListIdentifiers (`records == false`) or ListRecords.
    List {
        records: bool,
        query: ListQuery,
    },
}

/// What a list request selects, and where in the list it continues.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ListQuery {
    /// Inclusive bounds as `YYYY-MM-DDThh:mm:ssZ`.
    pub from: Option<String>,
    pub until: Option<String>,
    pub set: Option<String>,
    /// How many records earlier responses gave, and the last id they gave.
    pub cursor: usize,
    pub after: Option<String>,
}

impl ListQuery {
    /// The token that continues this list after `last_id`, `given` records later.
    pub fn token_after(&self, last_id: &str, given: usize) -> String {
        format!(
            "{}!{}!{}!{}!{}",
            self.cursor + given,
            last_id,
            self.from.as_deref().unwrap_or(""),
            self.until.as_deref().unwrap_or(""),
            self.set.as_deref().unwrap_or("")
        )
    }

    fn from_token(token: &str) -> Option<ListQuery> {
        let mut parts = token.splitn(5, '!');
        let cursor = parts.next()?.parse().ok()?;
        let after = parts.next().filter(|id| !id.is_empty())?.to_string();
        let from = parts.next()?;
        let until = parts.next()?;
        let set = parts.next()?;
        let stamp = |text: &str| match text {
            "" => Some(None),
            text => parse_bound(text, false).ok().map(|(s, _)| Some(s)),
        };
        Some(ListQuery {
            from: stamp(from)?,
            until: stamp(until)?,
            set: Some(set.to_string()).filter(|s| !s.is_empty()),
            cursor,
            after: Some(after),
        })
    }
}

/// Parses the query arguments (already split into pairs) of one OAI-PMH request.
pub fn parse(pairs: &[(String, String)]) -> Result<Request, OaiError> {
    let mut args: BTreeMap<&str, &str> = BTreeMap::new();
    for (key, value) in pairs {
        if args.insert(key, value).is_some() {
            return Err(if key == "verb" {
                OaiError::new("badVerb", "the verb argument is repeated")
            } else {
                OaiError::bad_argument(format!("the argument `{key}` is repeated"))
            });
        }
    }
    let verb = args
        .remove("verb")
        .ok_or_else(|| OaiError::new("badVerb", "no verb: add verb=Identify, ListRecords, ..."))?;
    let (required, optional): (&[&str], &[&str]) = match verb {
        "Identify" | "ListSets" => (&[], &[]),
        "ListMetadataFormats" => (&[], &["identifier"]),
        "GetRecord" => (&["identifier", "metadataPrefix"], &[]),
        "ListIdentifiers" | "ListRecords" => (&["metadataPrefix"], &["from", "until", "set"]),
        other => {
            return Err(OaiError::new(
                "badVerb",
                format!("`{other}` is not an OAI-PMH verb: use Identify, ListMetadataFormats, ListSets, ListIdentifiers, ListRecords or GetRecord"),
            ))
        }
    };
    if let Some(token) = args.get("resumptionToken").copied() {
        return resume(verb, token, args.len());
    }
    for key in args.keys() {
        if !required.contains(key) && !optional.contains(key) {
            return Err(OaiError::bad_argument(format!(
                "{verb} does not take the argument `{key}`"
            )));
        }
    }
    if let Some(missing) = required.iter().find(|k| !args.contains_key(*k)) {
        return Err(OaiError::bad_argument(format!(
            "{verb} needs the argument `{missing}`"
        )));
    }
    if let Some(prefix) = args.get("metadataPrefix").filter(|p| **p != OAI_DC) {
        return Err(OaiError::new(
            "cannotDisseminateFormat",
            format!("the metadata format `{prefix}` is not served: use oai_dc"),
        ));
    }
    let identifier = args.get("identifier").map(|s| s.to_string());
    Ok(match verb {
        "Identify" => Request::Identify,
        "ListSets" => Request::ListSets,
        "ListMetadataFormats" => Request::ListMetadataFormats { identifier },
        "GetRecord" => Request::GetRecord {
            identifier: identifier.unwrap_or_default(),
        },
        _ => Request::List {
            records: verb == "ListRecords",
            query: list_query(&args)?,
        },
    })
}

fn resume(verb: &str, token: &str, argument_count: usize) -> Result<Request, OaiError> {
    if argument_count > 1 {
        return Err(OaiError::bad_argument(
            "resumptionToken is an exclusive argument: send it with the verb only",
        ));
    }
    match verb {
        "ListIdentifiers" | "ListRecords" => ListQuery::from_token(token)
            .map(|query| Request::List {
                records: verb == "ListRecords",
                query,
            })
            .ok_or_else(|| {
                OaiError::new(
                    "badResumptionToken",
                    format!("`{token}` is not a resumption token of this repository"),
                )
            }),
        "ListSets" => Err(OaiError::new(
            "badResumptionToken",
            "the set list is never split, so it has no resumption tokens",
        )),
        _ => Err(OaiError::bad_argument(format!(
            "{verb} does not take the argument `resumptionToken`"
        ))),
    }
}

fn list_query(args: &BTreeMap<&str, &str>) -> Result<ListQuery, OaiError> {
    let from = args
        .get("from")
        .map(|t| parse_bound(t, false))
        .transpose()?;
    let until = args
        .get("until")
        .map(|t| parse_bound(t, true))
        .transpose()?;
    if let (Some((from, from_day)), Some((until, until_day))) = (&from, &until) {
        if from_day != until_day {
            return Err(OaiError::bad_argument(
                "`from` and `until` must have the same granularity (both days or both seconds)",
            ));
        }
        if from > until {
            return Err(OaiError::bad_argument(format!(
                "`from` ({from}) is later than `until` ({until})"
            )));
        }
    }
    Ok(ListQuery {
        from: from.map(|(s, _)| s),
        until: until.map(|(s, _)| s),
        set: args.get("set").map(|s| s.to_string()),
        cursor: 0,
        after: None,
    })
}

/// `YYYY-MM-DD` or `YYYY-MM-DDThh:mm:ssZ` to a full stamp (a day runs from its first to its
/// last second); the flag says whether the bound was a day.
fn parse_bound(text: &str, end_of_day: bool) -> Result<(String, bool), OaiError> {
    let bad = || {
        OaiError::bad_argument(format!(
            "`{text}` is not a datestamp: use YYYY-MM-DD or YYYY-MM-DDThh:mm:ssZ"
        ))
    };
    let (full, day) = match text.len() {
        10 if end_of_day => (format!("{text}T23:59:59Z"), true),
        10 => (format!("{text}T00:00:00Z"), true),
        20 => (text.to_string(), false),
        _ => return Err(bad()),
    };
    let valid = full.as_bytes()[10] == b'T'
        && full.ends_with('Z')
        && super::super::xml::parse_utc(&full).is_some();
    if valid {
        Ok((full, day))
    } else {
        Err(bad())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn req(query: &str) -> Result<Request, OaiError> {
        parse(&serde_urlencoded::from_str::<Vec<(String, String)>>(query).unwrap())
    }

    #[test]
    fn errors_carry_the_protocol_codes() {
        assert_eq!(req("").unwrap_err().code, "badVerb");
        assert_eq!(req("verb=Explode").unwrap_err().code, "badVerb");
        assert_eq!(req("verb=Identify&x=1").unwrap_err().code, "badArgument");
        assert_eq!(req("verb=ListRecords").unwrap_err().code, "badArgument");
        let code = |q| req(q).unwrap_err().code;
        assert_eq!(
            code("verb=ListRecords&metadataPrefix=marc"),
            "cannotDisseminateFormat"
        );
        assert_eq!(
            code("verb=ListRecords&metadataPrefix=oai_dc&from=2020"),
            "badArgument"
        );
        assert_eq!(
            code("verb=ListRecords&metadataPrefix=oai_dc&from=2021-01-01&until=2020-01-01"),
            "badArgument"
        );
        assert_eq!(
            code(
                "verb=ListRecords&metadataPrefix=oai_dc&from=2021-01-01&until=2022-01-01T00:00:00Z"
            ),
            "badArgument"
        );
        assert_eq!(
            code("verb=ListRecords&resumptionToken=junk"),
            "badResumptionToken"
        );
        assert_eq!(
            code("verb=ListRecords&resumptionToken=5!x!!!&metadataPrefix=oai_dc"),
            "badArgument"
        );
    }

    #[test]
    fn tokens_round_trip() {
        let Request::List { query, .. } =
            req("verb=ListRecords&metadataPrefix=oai_dc&from=2020-01-01&set=series:x").unwrap()
        else {
            panic!()
        };
        let token = query.token_after("some-id", 5);
        let Request::List { query: next, .. } = parse(&[
            ("verb".into(), "ListRecords".into()),
            ("resumptionToken".into(), token),
        ])
        .unwrap() else {
            panic!()
        };
        assert_eq!(next.cursor, 5);
        assert_eq!(next.after.as_deref(), Some("some-id"));
        assert_eq!(next.from.as_deref(), Some("2020-01-01T00:00:00Z"));
        assert_eq!(next.set.as_deref(), Some("series:x"));
    }
}
