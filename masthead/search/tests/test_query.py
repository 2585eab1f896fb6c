from hypothesis import given
from hypothesis import strategies as st

from masthead.search.query import MAX_WORDS, Query, fts5_match, parse_query, websearch_text
from masthead.search.snippets import highlight, snippet


def test_words_are_lower_cased_and_punctuation_is_dropped():
    assert parse_query("Rupee, DOLLAR!").phrases == (("rupee",), ("dollar",))


def test_engine_syntax_is_only_ever_words():
    query = parse_query('NEAR(rupee* -dollar) AND "bond" OR col:umn ^x')
    assert query.words == ("near", "rupee", "dollar", "and", "bond", "or", "col", "umn", "x")
    assert fts5_match(query) == '"near" "rupee" "dollar" "and" "bond" "or" "col" "umn" "x"'


def test_quoted_words_stay_together_and_an_open_quote_runs_to_the_end():
    assert parse_query('bond "central bank" yields').phrases == (("bond",), ("central", "bank"), ("yields",))
    assert parse_query('"central bank').phrases == (("central", "bank"),)
    assert websearch_text(parse_query('"central bank" or')) == '"central bank" "or"'


def test_words_in_any_script_keep_their_marks():
    assert parse_query("नमस्ते café").words == ("नमस्ते", "café")


def test_empty_and_symbol_only_text_is_no_query():
    for raw in (None, "", "   ", '"""', "*-:^()", "🙂"):
        assert not parse_query(raw)


@given(st.text(max_size=400))
def test_any_text_becomes_a_bounded_query_of_plain_words(raw):
    query = parse_query(raw)
    assert len(query.words) <= MAX_WORDS
    for word in query.words:
        assert word and '"' not in word and not any(char.isspace() for char in word)
    assert isinstance(fts5_match(query), str) and isinstance(websearch_text(query), str)


def test_snippets_escape_the_text_and_mark_only_the_query_words():
    text = "Banks said <script>alert(1)</script> & banking rules eased for the bank."
    shown = snippet(text, parse_query("bank"))
    assert "<script>" not in shown and "&lt;script&gt;alert(1)&lt;/script&gt;" in shown and "&amp;" in shown
    assert shown.count("<mark>") == 3  # Banks, banking, bank.


def test_a_long_text_is_cut_around_the_words_found():
    text = " ".join(["filler"] * 100 + ["the", "harbour", "board", "met"] + ["filler"] * 100)
    shown = snippet(text, parse_query("harbour"))
    assert shown.startswith("… ") and shown.endswith(" …") and "<mark>harbour</mark>" in shown


def test_highlight_without_a_query_is_plain_escaped_text():
    assert highlight("A & B", Query(())) == "A &amp; B"
