from masthead.newsroom.text import derive_lead_in, plain_text, sanitize_body, word_count


def test_sanitising_removes_scripts_handlers_and_javascript_links():
    dirty = (
        '<p onclick="steal()">Hello <script>alert(1)</script><a href="javascript:alert(2)">link</a></p>'
        '<style>body{display:none}</style><iframe src="https://evil.test"></iframe>'
        '<img src="x.png" onerror="alert(3)" alt="chart">'
    )
    clean = sanitize_body(dirty)
    for forbidden in ("<script", "alert(1)", "onclick", "javascript:", "<style", "<iframe", "onerror"):
        assert forbidden not in clean
    assert "Hello" in clean
    assert 'alt="chart"' in clean


def test_links_are_kept_and_made_safe():
    clean = sanitize_body('<p><a href="https://example.com/report" target="_blank">report</a></p>')
    assert 'href="https://example.com/report"' in clean
    assert 'rel="noopener noreferrer"' in clean


def test_lead_in_is_the_first_paragraph_when_it_is_long_enough():
    first = "<p>" + " ".join(["alpha"] * 60) + ".</p>"
    body = first + "<p>" + " ".join(["beta"] * 100) + ".</p>"
    assert derive_lead_in(body) == first


def test_short_opening_paragraphs_are_joined_until_about_fifty_words():
    body = "".join("<p>" + " ".join([f"w{i}"] * 20) + ".</p>" for i in range(6))
    lead = derive_lead_in(body)
    assert 50 <= word_count(lead) <= 100
    assert "w5" not in lead


def test_a_very_long_first_paragraph_is_cut_at_a_sentence():
    sentence = " ".join(["word"] * 14) + " end."
    body = "<p>" + " ".join([sentence] * 20) + "</p>"
    lead = derive_lead_in(body)
    words = word_count(lead)
    assert 50 <= words <= 100
    assert plain_text(lead).endswith("end.")


def test_lead_in_is_never_the_whole_of_a_long_article():
    body = "".join("<p>" + " ".join(["text"] * 30) + ".</p>" for _ in range(10))
    assert word_count(derive_lead_in(body)) <= 100 < word_count(body)


def test_a_short_story_is_never_given_away_whole_as_its_lead_in():
    body = "<p>" + " ".join(["brief"] * 30) + ".</p><p>" + " ".join(["ending"] * 10) + ".</p>"
    lead = derive_lead_in(body)
    assert 0 < word_count(lead) <= word_count(body) // 2
    assert "ending" not in lead
