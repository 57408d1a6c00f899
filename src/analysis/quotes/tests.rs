//! The rules of `extract`, one test each, on sentences written for them (Dutch and English).

use super::*;

fn nl(text: &str) -> Extraction {
    extract(text, Language::Nl, &KnownPeople::default())
}

fn en(text: &str) -> Extraction {
    extract(text, Language::En, &KnownPeople::default())
}

/// Quotation text, speaker, mention as written, kind.
type Who = (String, Option<String>, Option<String>, Option<MentionKind>);

/// (quotation text, speaker, mention as written, kind) for each quotation.
fn who(found: &Extraction) -> Vec<Who> {
    found
        .quotes
        .iter()
        .map(|q| {
            (
                q.text.clone(),
                q.speaker.clone(),
                q.as_written.clone(),
                q.kind,
            )
        })
        .collect()
}

fn some(s: &str) -> Option<String> {
    Some(s.to_string())
}

#[test]
fn finds_a_typographic_quotation() {
    let found = nl("Ze zei: “Dit is een test.” Daarna niets.");
    assert_eq!(found.quotes.len(), 1);
    assert_eq!(found.quotes[0].span, Span { start: 8, end: 26 });
    assert_eq!(found.quotes[0].text, "Dit is een test.");
}

#[test]
fn a_name_after_the_verb_with_words_between() {
    let found = nl("“Het werk is zwaar”, zei wijkagent Jan van der Berg in de \nzaal.");
    assert_eq!(
        who(&found),
        [(
            "Het werk is zwaar".into(),
            some("Jan van der Berg"),
            some("Jan van der Berg"),
            Some(MentionKind::Name)
        )]
    );
    assert_eq!(found.quotes[0].mention, Some(Span { start: 35, end: 51 }));
}

#[test]
fn a_pronoun_resolves_to_the_person_the_last_naming_sentence_opens_with() {
    let text = "Anna Smit sprak met Piet Jansen over Utrecht. “We moeten door”, zei ze. \
                Later kwam Kees de Vries. “Niet nu”, zei hij.";
    let found = nl(text);
    assert_eq!(found.quotes[0].speaker, some("Anna Smit"));
    assert_eq!(found.quotes[0].kind, Some(MentionKind::Pronoun));
    assert_eq!(found.quotes[1].speaker, some("Kees de Vries"));
}

#[test]
fn a_pronoun_skips_people_of_the_other_gender() {
    let text = "Mevrouw Bakker keek naar Jan Peters. Hij knikte. Zij glimlachte. \
                Toen kwamen Jan Peters en mevrouw Bakker binnen. “Mooi zo”, zei ze.";
    assert_eq!(nl(text).quotes[0].speaker, some("Bakker"));
}

#[test]
fn a_surname_resolves_to_the_fullest_earlier_form() {
    let text = "Spreker was Herman de Mönnink. “Het kan beter”, aldus De Mönnink.";
    let found = nl(text);
    assert_eq!(found.quotes[0].speaker, some("Herman de Mönnink"));
    assert_eq!(found.quotes[0].as_written, some("De Mönnink"));
    assert_eq!(found.people.len(), 1);
    assert_eq!(found.people[0].mentions.len(), 2);
}

#[test]
fn a_name_and_a_colon_before_the_quotation() {
    let text = "Na de pauze sprak Peter ten Have.\nTen Have: “Wij blijven.”";
    let found = nl(text);
    assert_eq!(found.quotes[0].speaker, some("Peter ten Have"));
    assert_eq!(found.quotes[0].kind, Some(MentionKind::Name));
    let found = nl("In eens zei Japi: \" kijk eens daar. \"");
    assert_eq!(found.quotes[0].speaker, some("Japi"));
}

#[test]
fn a_quotation_interrupted_by_its_attribution_keeps_it() {
    let text = "Bas Kok was er. “Eerst dit”, zei hij, “en dan dat.”";
    let found = nl(text);
    assert_eq!(found.quotes.len(), 2);
    assert_eq!(found.quotes[1].speaker, some("Bas Kok"));
    assert_eq!(found.quotes[1].mention, found.quotes[0].mention);
}

#[test]
fn a_description_is_a_nominal_mention_without_a_speaker() {
    let found = nl("“Dat kan niet”, zei de oude wethouder tegen ons.");
    assert_eq!(
        who(&found),
        [(
            "Dat kan niet".into(),
            None,
            some("de oude wethouder"),
            Some(MentionKind::Nominal)
        )]
    );
}

#[test]
fn english_subject_before_the_verb() {
    let text = "Mary Robinson spoke first. \"We cannot wait,\" she said. \"Not now,\" the minister replied. \"Never,\" John Smith said.";
    let found = en(text);
    assert_eq!(found.quotes[0].speaker, some("Mary Robinson"));
    assert_eq!(found.quotes[1].kind, Some(MentionKind::Nominal));
    assert_eq!(found.quotes[1].as_written, some("the minister"));
    assert_eq!(found.quotes[2].speaker, some("John Smith"));
}

#[test]
fn according_to_attributes() {
    let found = en("\"It is over,\" according to Kofi Annan.");
    assert_eq!(found.quotes[0].speaker, some("Kofi Annan"));
}

#[test]
fn titles_and_slogans_in_single_quotes_are_not_quotations() {
    let text = "Het essay ‘Het geheim van de lange relatie’ verscheen. Een werker zei: \
                ‘Ik ben een soort wegwijzer’.";
    let found = nl(text);
    assert_eq!(found.quotes.len(), 1);
    assert_eq!(found.quotes[0].text, "Ik ben een soort wegwijzer");
}

#[test]
fn dialogue_dashes_with_inversion() {
    let text = "- Klaar? vroeg Lili.\n- Ja! riep Paul.\n- Goed, zeide hij.";
    let found = nl(text);
    assert_eq!(
        who(&found),
        [
            (
                "Klaar?".into(),
                some("Lili"),
                some("Lili"),
                Some(MentionKind::Name)
            ),
            (
                "Ja!".into(),
                some("Paul"),
                some("Paul"),
                Some(MentionKind::Name)
            ),
            (
                "Goed,".into(),
                some("Paul"),
                some("hij"),
                Some(MentionKind::Pronoun)
            ),
        ]
    );
}

#[test]
fn a_word_broken_at_a_line_end_is_joined_in_the_text() {
    let found = nl("“Een zwakke identi-\nteit is het”, zei hij.");
    assert_eq!(found.quotes[0].text, "Een zwakke identiteit is het");
}

#[test]
fn first_person_attribution_has_no_speaker() {
    let found = nl("\" Wat is het vandaag, \" vroeg ik.");
    assert_eq!(found.quotes[0].kind, Some(MentionKind::Pronoun));
    assert_eq!(found.quotes[0].speaker, None);
    assert_eq!(found.quotes[0].as_written, some("ik"));
}

#[test]
fn known_people_give_the_canonical_name() {
    let known = KnownPeople::new([("H. de Mönnink", "Herman de Mönnink")]);
    let found = extract(
        "Vandaag sprak h. de monnink. “Het is tijd”, zei hij.",
        Language::Nl,
        &known,
    );
    assert_eq!(found.people.len(), 1);
    assert!(found.people[0].known);
    assert_eq!(found.quotes[0].speaker, some("Herman de Mönnink"));
}

#[test]
fn terms_in_marks_are_not_quotations() {
    let found = nl("Lees het woord \"hotel\" als \"pension\". Zij zei: \"Nee.\"");
    assert_eq!(found.quotes.len(), 1);
    assert_eq!(found.quotes[0].text, "Nee.");
}

#[test]
fn volgens_and_stelt_dat_and_the_words_of_attribute() {
    let found = nl("Volgens het bestuur is er nog \"een groot risico\" voor ons.");
    assert_eq!(found.quotes[0].as_written, some("het bestuur"));
    let found = nl("Het rapport stelt dat \"de zorg tekortschiet\".");
    assert_eq!(found.quotes[0].as_written, some("Het rapport"));
    let found = nl("\"Ik maak mij zorgen.\" Dat zijn de woorden van Bas Kuiper.");
    assert_eq!(found.quotes[0].speaker, some("Bas Kuiper"));
}

#[test]
fn any_verb_that_inverts_with_a_name_attributes() {
    let found = nl("\" Kom binnen! \" inviteerde Bavink.");
    assert_eq!(found.quotes[0].speaker, some("Bavink"));
    // but not a first person inside the speech (`geloof ik`)
    let found = nl("- Ze was moe, geloof ik.\n- Ja.\n- Nee.");
    assert_eq!(found.quotes[0].kind, None);
}

#[test]
fn a_split_quotation_keeps_its_attribution_over_a_clause() {
    let text = "Toen keek Sherlock Holmes op. \" Goed, \" zeide hij, terwijl hij zijn pijp stopte, \" nu dan. \"";
    let found = nl(text);
    assert_eq!(found.quotes.len(), 2);
    assert_eq!(found.quotes[1].as_written, some("hij"));
    assert_eq!(found.quotes[1].speaker, some("Sherlock Holmes"));
}
