#!/usr/bin/env python3
"""Dutch analysis measured against the OpenTaal lexicon (Debian `hunspell-nl`), and the
compound table generated from it. See docs/relevance.md ("Dutch inflection", "Dutch compounds").

    apt-get install -y hunspell-nl
    cargo build --example dutch_terms
    scripts/dutch-lexicon.py conflation [SPEC ...]   # under- and overstemming per stemmer
    scripts/dutch-lexicon.py table > src/analysis/nl_compound_lexicon.txt
    scripts/dutch-lexicon.py compounds [LABELS.tsv]  # splits of the lexicon's own compounds

The lexicon groups word forms by lemma through its affix rules: a dictionary entry with its
plural (Z*), adjective (A*) and verb (V*) suffix flags is one lemma. A verb is two entries, the
stem (`maak`, flags V3/Vp/Vq: maakt, maakte, maakten) and the infinitive (`maken`, flag Vi:
makend, makende); they are joined when the infinitive is one the stem makes by the spelling
rules (maak -> maken, leef -> leven, zet -> zetten). Past participles are entries of their own
and are left out. `unmunch` (hunspell-tools) does not expand this dictionary's two-letter
flags, so the affix rules are applied here (suffixes only, one level).

Compounding flags of the lexicon (nl.aff): Ca may begin a compound, Cb may stand in the middle,
Cc may end one; a suffix rule whose continuation holds Ca/Cb makes a linking form (Ch/Cd: stad ->
stads, Zb: wijk -> wijken), and `kinder` (CaCx) is an entry of its own.
"""

import collections
import itertools
import os
import random
import re
import subprocess
import sys
import unicodedata

DIC = "/usr/share/hunspell/nl.dic"
AFF = "/usr/share/hunspell/nl.aff"
ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
TERMS = os.path.join(ROOT, "target", "debug", "examples", "dutch_terms")

NOUN = {"Za", "Zb", "Zd", "Ze", "Zf", "Zg", "Zh", "Zi", "Zj", "Zu", "Zx"}
ADJ_E = {"Aa", "Al", "Am", "An", "Ar"}  # the -e form: belangrijke, bare, zwakke, lieve
ADJ_DEGREE = {"Ab", "Ac", "Ad", "Ae", "Ao", "Ap", "Aq", "As", "Ay", "Ax"}
VERB_STEM = {"V3", "Vp", "Vq", "Va", "Vb"}
VERB_INF = {"Vi"}


def fold(word):
    return "".join(
        c for c in unicodedata.normalize("NFKD", word) if not unicodedata.combining(c)
    )


def plain(word):
    return re.fullmatch(r"[a-z]+", word) is not None


def flags_of(text):
    return [text[i : i + 2] for i in range(0, len(text) - len(text) % 2, 2)]


def read_affixes():
    rules = collections.defaultdict(list)
    with open(AFF, encoding="utf-8") as f:
        for line in f:
            parts = line.split()
            if len(parts) < 4 or parts[0] != "SFX" or parts[3] in ("Y", "N"):
                continue
            # A rule without a condition (`SFX CA 0 /CaCp`) applies to every word.
            flag, strip, add, cond = parts[1], parts[2], parts[3], (parts[4:] or ["."])[0]
            add, _, cont = add.partition("/")
            strip = "" if strip == "0" else strip
            add = "" if add == "0" else add
            try:
                pattern = re.compile("(?:" + cond + ")$")
            except re.error:
                continue
            rules[flag].append((strip, add, pattern, set(flags_of(cont))))
    return rules


def read_entries():
    entries = []
    with open(DIC, encoding="utf-8") as f:
        next(f)
        for line in f:
            word, _, flags = line.split()[0].partition("/") if line.strip() else ("", "", "")
            if word:
                entries.append((word, set(flags_of(flags))))
    return entries


def expand(word, flags, rules, which):
    """The forms the entry's suffix flags in `which` make (not the hyphenated ones)."""
    forms = []
    for flag in flags & which:
        for strip, add, pattern, _ in rules[flag]:
            if add.endswith("-") or not pattern.search(word) or not word.endswith(strip):
                continue
            forms.append(word[: len(word) - len(strip)] + add)
    return forms


def infinitives(stem):
    """The infinitives a verb stem can have by Dutch spelling (maak -> maken, zet -> zetten),
    most likely first (a fixed order, so that every run joins the same entries)."""
    out = [stem + "en", stem + "n"]
    if stem and stem[-1] not in "aeiou":
        out.append(stem + stem[-1] + "en")
    body, last = stem[:-1], stem[-1:]
    long_vowel = len(body) >= 2 and body[-1] == body[-2] and body[-1] in "aeou"
    for voiced, plain_last in (("v", "f"), ("z", "s")):
        if last == plain_last:
            out.append(body + voiced + "en")
            if long_vowel:
                out.append(body[:-1] + voiced + "en")
    if long_vowel:
        out.append(body[:-1] + last + "en")
    return out


def lemma_groups():
    """(category, sorted forms) per lemma of two or more folded, plain forms."""
    rules = read_affixes()
    groups = []
    stems, infs = {}, {}
    for word, flags in read_entries():
        if word != word.lower():
            continue
        if flags & NOUN:
            groups.append(("noun", [word] + expand(word, flags, rules, NOUN)))
        if flags & ADJ_E:
            groups.append(("adjective", [word] + expand(word, flags, rules, ADJ_E)))
        if flags & ADJ_DEGREE:
            forms = [word] + expand(word, flags, rules, ADJ_E | ADJ_DEGREE)
            groups.append(("adjective degrees", forms))
        if flags & VERB_STEM:
            stems[word] = expand(word, flags, rules, VERB_STEM)
        if flags & VERB_INF:
            infs[word] = expand(word, flags, rules, VERB_INF)
    for stem, forms in stems.items():
        for inf in infinitives(stem):
            if inf in infs:
                groups.append(("verb", [stem] + forms + [inf] + infs[inf]))
                break
    out = []
    for category, forms in groups:
        forms = sorted({fold(f) for f in forms if plain(fold(f))})
        if len(forms) >= 2:
            out.append((category, forms))
    return out


def run_terms(words, columns):
    """Each word's output per column of the `dutch_terms` example."""
    if not os.path.exists(TERMS):
        sys.exit(f"build it first: cargo build --example dutch_terms ({TERMS})")
    done = subprocess.run(
        [TERMS] + columns, input="\n".join(words) + "\n", capture_output=True, text=True, check=True
    )
    out = {}
    for line in done.stdout.splitlines():
        cells = line.split("\t")
        out[cells[0]] = cells[1:] + [""] * (len(columns) + 1 - len(cells))
    return out


def conflation(specs):
    groups = lemma_groups()
    words = sorted({w for _, forms in groups for w in forms})
    terms = run_terms(words, specs)
    # Lemma clusters: groups that share a form (the noun `werk` and the verb `werken`) are one.
    parent = {}

    def find(x):
        while parent.setdefault(x, x) != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for _, forms in groups:
        for form in forms[1:]:
            parent[find(form)] = find(forms[0])
    categories = ["noun", "verb", "adjective", "adjective degrees"]
    print(f"{len(words)} word forms, {len(groups)} lemma groups "
          + ", ".join(f"{c}: {sum(1 for g in groups if g[0] == c)}" for c in categories))
    print("stemmer | category | pairs joined (1 - understemming) | lemmas all joined | "
          "lemmas merged with another lemma | wrongly merged word pairs")
    for i, spec in enumerate(specs):
        stem = {w: terms[w][i] for w in words}
        by_stem = collections.defaultdict(set)
        for w in words:
            by_stem[stem[w]].add(w)
        wrong_pairs = 0
        for members in by_stem.values():
            clusters = collections.Counter(find(w) for w in members)
            n = sum(clusters.values())
            wrong_pairs += (n * n - sum(c * c for c in clusters.values())) // 2
        for category in categories:
            pairs = joined = whole = merged = count = 0
            for cat, forms in groups:
                if cat != category:
                    continue
                count += 1
                stems = [stem[f] for f in forms]
                for a, b in itertools.combinations(stems, 2):
                    pairs += 1
                    joined += a == b
                whole += len(set(stems)) == 1
                cluster = find(forms[0])
                merged += any(
                    find(other) != cluster for s in set(stems) for other in by_stem[s]
                )
            print(f"{spec} | {category} | {joined / pairs:.1%} | {whole / count:.1%} | "
                  f"{merged / count:.1%} | {wrong_pairs if category == 'noun' else ''}")


# Compound table ---------------------------------------------------------------------------


def compound_parts():
    """First parts (form -> lemma: stads -> stad) and last parts of the lexicon, folded."""
    rules = read_affixes()
    first, last = {}, set()
    for word, flags in read_entries():
        if word != word.lower():
            continue
        base = fold(word)
        if not plain(base):
            continue
        if flags & {"Ca", "Cb"}:
            first.setdefault(base, base)
        if "Cc" in flags:
            last.add(base)
        for flag in flags:
            for strip, add, pattern, cont in rules.get(flag, []):
                if not cont & {"Ca", "Cb"} or add.endswith("-"):
                    continue
                if not pattern.search(word) or not word.endswith(strip):
                    continue
                form = fold(word[: len(word) - len(strip)] + add)
                if plain(form):
                    first.setdefault(form, base)
    return first, last


MIN_FIRST, MIN_LAST = 3, 4


def split_once(word, first, last):
    """The first split of `word` into a first part and a last part, longest first part first."""
    for end in range(len(word) - MIN_LAST, MIN_FIRST - 1, -1):
        head, rest = word[:end], word[end:]
        if head in first and first[head] != word and rest in last:
            return first[head], rest
    return None


def table_parts():
    """The parts the splitter needs, chosen by how the lexicon itself uses them.

    First parts: forms the lexicon lets begin a compound (Ca/Cb and linking forms) that begin
    at least one other entry whose rest is a noun. Last parts: nouns (plural flags or Cc) of at
    least four letters that the lexicon lets end a compound (Cc) or that end at least one of
    its entries after a first part. A part that is itself a compound stays: the splitter keeps
    a known last part whole (`wapen` + `diefstal`, not dief + stal)."""
    first, cc = compound_parts()
    entries = [(fold(w), f) for w, f in read_entries() if w == w.lower()]
    nouns = {w for w, f in entries if (f & NOUN or "Cc" in f) and plain(w) and len(w) >= MIN_LAST}
    # A word that is an adjective too ends adjectives (belangrijk, waterrijk), not compounds.
    nouns -= {w for w, f in entries if any(flag.startswith("A") for flag in f)}
    # A noun that is an inflected adjective too ends adjectives (omvangrijke, succesvolle).
    adjectives = {w for w, f in entries if any(flag.startswith("A") for flag in f)}
    def inflected_adjective(w):
        for e in ("e", "en", "er", "ere", "ste", "sten"):
            stem = w[: -len(e)]
            if w.endswith(e) and (stem in adjectives or
                                  (len(stem) > 2 and stem[-1] == stem[-2] and stem[:-1] in adjectives)):
                return True
        return False

    nouns = {w for w in nouns if not inflected_adjective(w)}
    # Nouns without the lexicon's flag to begin a compound (voor, a furrow) do not begin one:
    # tried, it split voorstel and voordelen.
    # A form that only stands in compounds (`kinder`, flag Cx) stands for the noun it is a
    # linking form of: kinder -> kind.
    only_in_compounds = {w for w, f in entries if "Cx" in f}
    for form, lemma in list(first.items()):
        if form == lemma and form in only_in_compounds:
            for linker in ("er", "en", "s", "e", "n"):
                base = form[: -len(linker)]
                if form.endswith(linker) and len(base) >= MIN_FIRST and base in first:
                    first[form] = first[base]
                    break
    words = sorted({w for w, _ in entries if plain(w)})
    begins, ends = collections.Counter(), collections.Counter()
    for word in words:
        for end in range(len(word) - MIN_LAST, MIN_FIRST - 1, -1):
            head, rest = word[:end], word[end:]
            if head in first and first[head] != word and rest in nouns:
                begins[first[head]] += 1
                ends[rest] += 1
    keep_first = {f: l for f, l in first.items() if begins[l] >= 1 and len(l) >= MIN_FIRST}
    keep_last = {w for w in nouns if w in cc or ends[w] >= 1}
    return keep_first, keep_last


def table():
    keep_first, keep_last = table_parts()
    print("# Compound parts generated by scripts/dutch-lexicon.py from the OpenTaal Dutch")
    print("# dictionary (Debian hunspell-nl 2.20.19, https://www.opentaal.org), used under its")
    print("# Revised BSD licence (or CC BY 3.0): (c) OpenTaal, Simon Brouwer and others.")
    print("# `F form lemma`: may begin a compound (`F stads stad`); `L word`: may end one.")
    for form in sorted(keep_first):
        lemma = keep_first[form]
        print(f"F {form}" if form == lemma else f"F {form} {lemma}")
    for word in sorted(keep_last):
        print(f"L {word}")


def compounds(labels):
    """Splitting measured on words nobody here chose.

    With LABELS (word<TAB>first+last, or `-` for a word that must stay whole; hand-labelled, see
    docs/relevance.md): recall and precision of splits, and whether each part as a query finds
    the word. Always: a random 2,000 of the lexicon's entries that are exactly a first part plus
    a last part of its own flags, split and found by both parts."""
    first, last = compound_parts()
    rows = []
    if labels:
        with open(labels, encoding="utf-8") as f:
            rows = [l.rstrip("\n").split("\t")[:2] for l in f if l.strip() and not l.startswith("#")]
    sample = []
    for word in sorted({fold(w) for w, f in read_entries() if w == w.lower()}):
        cut = split_once(word, first, last) if plain(word) else None
        if cut and cut[1] != word:
            sample.append((word, cut))
    sample = random.Random(14).sample(sample, min(2000, len(sample)))
    words = {w for w, _ in rows} | {w for w, _ in sample}
    words |= {p for _, t in rows if t != "-" for p in t.split("+")}
    words |= {p for _, cut in sample for p in cut}
    columns = ["split", "index", "query", "split-list", "porter+ie+vowels"]
    out = run_terms(sorted(words), columns)
    # The query terms of the parts the splitters made, too.
    made = {p for w in words for c in (0, 3) for p in out[w][c].split()} - set(out)
    out.update(run_terms(sorted(made), columns))

    def found_by(part, word):
        return out[part][2] != "" and out[part][2] in out[word][1].split()

    def found_before(part, word):
        terms = {out[word][4]} | {out[p][4] for p in out[word][3].split()}
        return out[part][4] in terms

    def score(name, split_column, term_column, found):
        # A split is right when every part it adds that is not the word's own ending is a
        # labelled part (compared as query terms) or labelled parts together, and wrong
        # otherwise; `-` words have no parts.
        compounds = right = wrong = hits = total = 0
        for word, truth in rows:
            want = [] if truth == "-" else truth.split("+")
            want_terms = {out[p][term_column] for p in want}
            # A part may also be labelled parts together (vuurtoren for vuur + toren).
            joined = {"".join(want[i:j]) for i in range(len(want)) for j in range(i + 2, len(want))}
            got = out[word][split_column].split()
            compounds += bool(want)
            if got:
                if all(word.endswith(p) or p in joined or out[p][term_column] in want_terms
                       for p in got):
                    right += 1
                else:
                    wrong += 1
                    if split_column == 0:
                        print(f"  wrong: {word} -> {' + '.join(got)} (labelled {truth})")
            elif want and split_column == 0:
                print(f"  not split: {word} ({truth})")
            for part in want:
                total += 1
                hits += found(part, word)
        print(f"{name}: {len(rows)} labelled words, {compounds} compounds; "
              f"split right {right}/{compounds} ({right / max(1, compounds):.1%}); "
              f"wrong splits {wrong} (precision {right / max(1, right + wrong):.1%}); "
              f"a labelled part as a query finds its word {hits}/{total} ({hits / max(1, total):.1%})")

    if rows:
        score("version 3 (our list, DutchPorter)", 3, 4, found_before)
        score("lexicon parts (chosen)", 0, 2, found_by)
    n = len(sample)
    split = sum(bool(out[w][0]) for w, _ in sample)
    agree = sum(out[w][0].split()[:1] == [cut[0]] for w, cut in sample)
    both = sum(all(found_by(p, w) for p in cut) for w, cut in sample)
    print(f"lexicon compounds (random {n} of first + last part): split {split / n:.1%}, "
          f"at the lexicon's place {agree / n:.1%}, both parts find it {both / n:.1%}")


if __name__ == "__main__":
    command = sys.argv[1] if len(sys.argv) > 1 else ""
    if command == "conflation":
        conflation(sys.argv[2:] or ["porter", "porter+ie+vowels", "kp", "kp+ie+vowels",
                                    "porter+ie+es+irregular+s+devoice+cons+vowels"])
    elif command == "table":
        table()
    elif command == "compounds":
        compounds(sys.argv[2] if len(sys.argv) > 2 else None)
    else:
        sys.exit(__doc__)
