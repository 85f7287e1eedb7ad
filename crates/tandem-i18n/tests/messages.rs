//! Every language has every message, with every variable: each file of each language
//! parses without error, defines exactly the messages English defines, and each message
//! uses exactly the variables the English one does (a translation that drops `$count` or
//! `$zone`, or invents one, fails here).

use std::collections::{BTreeMap, BTreeSet};

use fluent_syntax::ast::{Entry, Expression, InlineExpression, Pattern, PatternElement};
use tandem_i18n::{sources, Lang, FILES};

type Variables = BTreeSet<String>;

fn inline_variables(expression: &InlineExpression<&str>, out: &mut Variables) {
    match expression {
        InlineExpression::VariableReference { id } => {
            out.insert(id.name.to_owned());
        }
        InlineExpression::FunctionReference { arguments, .. }
        | InlineExpression::TermReference {
            arguments: Some(arguments),
            ..
        } => {
            for a in &arguments.positional {
                inline_variables(a, out);
            }
            for a in &arguments.named {
                inline_variables(&a.value, out);
            }
        }
        InlineExpression::Placeable { expression } => expression_variables(expression, out),
        _ => {}
    }
}

fn expression_variables(expression: &Expression<&str>, out: &mut Variables) {
    match expression {
        Expression::Inline(inline) => inline_variables(inline, out),
        Expression::Select { selector, variants } => {
            inline_variables(selector, out);
            for v in variants {
                pattern_variables(&v.value, out);
            }
        }
    }
}

fn pattern_variables(pattern: &Pattern<&str>, out: &mut Variables) {
    for element in &pattern.elements {
        if let PatternElement::Placeable { expression } = element {
            expression_variables(expression, out);
        }
    }
}

/// Message id → variables, for one file of one language; panics on a syntax error.
fn messages(lang: Lang, file: &str, source: &'static str) -> BTreeMap<String, Variables> {
    let resource = fluent_syntax::parser::parse(source)
        .unwrap_or_else(|(_, errors)| panic!("{lang}/{file} does not parse: {errors:?}"));
    let mut out = BTreeMap::new();
    for entry in &resource.body {
        match entry {
            Entry::Message(m) => {
                let mut vars = Variables::new();
                let value = m
                    .value
                    .as_ref()
                    .unwrap_or_else(|| panic!("{lang}/{file}: {} has no value", m.id.name));
                pattern_variables(value, &mut vars);
                let again = out.insert(m.id.name.to_owned(), vars);
                assert!(
                    again.is_none(),
                    "{lang}/{file}: {} is defined twice",
                    m.id.name
                );
            }
            Entry::Junk { content } => panic!("{lang}/{file}: junk {content:?}"),
            _ => {}
        }
    }
    out
}

#[test]
fn every_language_has_every_message_with_every_variable() {
    let mut total = 0;
    for (i, file) in FILES.iter().enumerate() {
        let english = messages(Lang::En, file, sources(Lang::En)[i]);
        total += english.len();
        for lang in Lang::ALL {
            let theirs = messages(lang, file, sources(lang)[i]);
            let missing: Vec<_> = english
                .keys()
                .filter(|k| !theirs.contains_key(*k))
                .collect();
            assert!(missing.is_empty(), "{lang}/{file} lacks {missing:?}");
            let extra: Vec<_> = theirs
                .keys()
                .filter(|k| !english.contains_key(*k))
                .collect();
            assert!(
                extra.is_empty(),
                "{lang}/{file} has messages English lacks: {extra:?}"
            );
            for (id, vars) in &english {
                assert_eq!(
                    &theirs[id], vars,
                    "{lang}/{file}: {id} uses other variables than English"
                );
            }
        }
    }
    eprintln!("{total} messages in each of {} languages", Lang::ALL.len());
    assert!(total > 0);
}

#[test]
fn every_message_formats_in_every_language_without_falling_back() {
    let english = sources(Lang::En);
    for (i, file) in FILES.iter().enumerate() {
        for id in messages(Lang::En, file, english[i]).keys() {
            for lang in Lang::ALL {
                assert!(lang.has_message(id), "{lang} lacks {id}");
            }
        }
    }
}

#[test]
fn numbers_in_messages_use_the_languages_digits_and_plurals() {
    let count = |lang: Lang, n: u32| lang.message_with("seats", &[("count", n.into())]);
    assert_eq!(count(Lang::En, 1), "1 seat");
    assert_eq!(count(Lang::En, 1200), "1,200 seats");
    assert_eq!(count(Lang::Fr, 1200), "1\u{202f}200 places");
    assert_eq!(count(Lang::Ru, 21), "21 место");
    assert_eq!(count(Lang::Ru, 5), "5 мест");
    assert_eq!(count(Lang::Ar, 3), "3 مقاعد");
    assert_eq!(count(Lang::Ar, 2), "مقعدان");
}

#[test]
fn a_missing_message_falls_back_to_english_then_its_id() {
    assert_eq!(Lang::Fr.message("no-such-message"), "no-such-message");
}

#[test]
fn itu_terms_are_the_ones_itu_uses() {
    let term = |lang: Lang| lang.message("term-regional-group");
    assert_eq!(term(Lang::Fr), "groupe régional");
    assert_eq!(term(Lang::Es), "Grupo Regional");
    assert_eq!(term(Lang::Ru), "региональная группа");
    assert_eq!(term(Lang::Zh), "区域组");
    assert_eq!(term(Lang::Ar), "فريق إقليمي");
}
