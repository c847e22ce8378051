"""Cutting Item 1A into segments: risks, group captions, summary, intro, paragraphs."""

from __future__ import annotations

from collections.abc import Callable

from hypothesis import given, settings
from hypothesis import strategies as st

from edgar_sentinel.models import Segment, SegmentKind
from edgar_sentinel.preprocess.document import Block
from edgar_sentinel.preprocess.segment import segment_blocks
from edgar_sentinel.settings import PreprocessSettings
from tests.preprocess.item1a_support import Processed

SETTINGS = PreprocessSettings()
BODY = "This could materially harm our results of operations and financial condition. " * 5


def body(text: str = BODY) -> Block:
    return Block(text=text.strip())


def heading(text: str, *, italic: bool = False) -> Block:
    return Block.styled(text, bold=True, italic=italic)


def caption(text: str) -> Block:
    return Block.styled(text, bold=True, underline=True)


def cut(blocks: list[Block], config: PreprocessSettings = SETTINGS) -> tuple[str, list[Segment]]:
    text, segments = segment_blocks(blocks, settings=config)
    for s in segments:
        assert text[s.start : s.end] == s.text
        assert s.char_count == len(s.text)
        assert s.word_count == len(s.text.split())
    assert [s.index for s in segments] == list(range(len(segments)))
    return text, segments


def risks(segments: list[Segment]) -> list[Segment]:
    return [s for s in segments if s.kind is SegmentKind.RISK]


def test_one_segment_per_risk_heading_with_its_group() -> None:
    blocks = [
        body("You should carefully consider the risks described below."),
        caption("Risks Related to Our Business"),
        heading("We face intense competition."),
        body(),
        heading("We depend on key suppliers."),
        body(),
        body(),
        caption("General Risks"),
        heading("Our stock price may be volatile."),
        body(),
    ]
    text, segments = cut(blocks)
    assert [s.kind for s in segments] == [
        SegmentKind.INTRO,
        SegmentKind.RISK,
        SegmentKind.RISK,
        SegmentKind.RISK,
    ]
    found = risks(segments)
    assert [s.heading for s in found] == [
        "We face intense competition.",
        "We depend on key suppliers.",
        "Our stock price may be volatile.",
    ]
    assert [s.group for s in found] == [
        "Risks Related to Our Business",
        "Risks Related to Our Business",
        "General Risks",
    ]
    assert all(s.text.startswith(s.heading or "") for s in found)
    assert not any("General Risks" in s.text for s in segments)
    assert "General Risks" in text


def test_captions_in_the_same_style_as_headings_are_still_captions() -> None:
    blocks = [
        heading("Business Risks"),
        heading("We face intense competition."),
        body(),
        heading("We depend on key suppliers."),
        body(),
        heading("Financial Risks"),
        heading("Our tax rates could change."),
        body(),
    ]
    _, segments = cut(blocks)
    assert [(s.heading, s.group) for s in risks(segments)] == [
        ("We face intense competition.", "Business Risks"),
        ("We depend on key suppliers.", "Business Risks"),
        ("Our tax rates could change.", "Financial Risks"),
    ]


def test_a_summary_list_styled_like_headings_becomes_summary_segments() -> None:
    summary_caption = Block.styled("Risks Related to Our Products", bold=True, italic=True)
    blocks = [
        body("Certain factors may have a material adverse effect on our business."),
        heading("Summary Risk Factors"),
        summary_caption,
        body("• our products may not succeed;"),
        body("• we may lose users."),
        heading("Risks Related to Our Products"),
        heading("Our products may not succeed.", italic=True),
        body(),
        heading("We may lose users.", italic=True),
        body(),
        heading("We may not retain talent.", italic=True),
        body(),
    ]
    _, segments = cut(blocks)
    assert [s.kind for s in segments] == [
        SegmentKind.INTRO,
        SegmentKind.SUMMARY,
        SegmentKind.RISK,
        SegmentKind.RISK,
        SegmentKind.RISK,
    ]
    assert "we may lose users" in segments[1].text
    assert all(s.group == "Risks Related to Our Products" for s in risks(segments))


def test_run_in_titles_are_headings_and_second_level_run_ins_stay_inside() -> None:
    def runin(title: str, *, italic: bool = False) -> Block:
        if italic:
            return Block.styled(f"{title} {BODY.strip()}", lead_italic=title)
        return Block.styled(f"{title} {BODY.strip()}", lead_bold=title)

    blocks = [
        runin("Competition Could Harm Us:"),
        runin("Suppliers May Fail Us:"),
        body(),
        Block.styled(f"Adverse trends. {BODY.strip()}", lead_italic="Adverse trends."),
        runin("Our Stock Price May Fall:"),
    ]
    _, segments = cut(blocks)
    assert [s.heading for s in risks(segments)] == [
        "Competition Could Harm Us:",
        "Suppliers May Fail Us:",
        "Our Stock Price May Fall:",
    ]
    assert "Adverse trends." in risks(segments)[1].text


def test_without_headings_paragraphs_are_merged_and_split_within_bounds() -> None:
    config = PreprocessSettings(paragraph_min_words=40, paragraph_max_words=100)
    short = body("A short paragraph of only eight words here.")
    long = body("This sentence has exactly eight words in it. " * 30)
    _, segments = cut([short, short, short, short, short, short, long], config)
    assert {s.kind for s in segments} == {SegmentKind.PARAGRAPH}
    assert all(s.word_count <= 100 for s in segments)
    assert all(s.word_count >= 40 for s in segments[:-1])
    assert segments[0].word_count == 40  # five eight-word paragraphs merged


def test_long_risks_are_split_at_sentences_and_keep_their_heading() -> None:
    config = PreprocessSettings(segment_max_words=60)
    long_body = body("Each sentence here holds nine words for the test. " * 20)
    blocks = [
        heading("We face intense competition."),
        long_body,
        heading("We depend on key suppliers."),
        body(),
        heading("Our stock price may be volatile."),
        body(),
    ]
    _, segments = cut(blocks, config)
    first = [s for s in segments if s.heading == "We face intense competition."]
    assert len(first) > 2
    assert all(s.word_count <= 60 for s in first)
    assert first[0].text.startswith("We face intense competition.")
    assert all(s.text.endswith(".") for s in first)
    assert sum(1 for s in risks(segments) if s.text.startswith(s.heading or "")) == 3


@settings(max_examples=60, deadline=None)
@given(
    st.lists(
        st.tuples(
            st.text(alphabet="abc .ABC", min_size=1, max_size=80).filter(str.strip),
            st.booleans(),
        ),
        min_size=1,
        max_size=30,
    )
)
def test_segments_always_slice_the_text(items: list[tuple[str, bool]]) -> None:
    blocks = [Block.styled(" ".join(t.split()), bold=b) for t, b in items]
    cut(blocks, PreprocessSettings(segment_max_words=50, paragraph_max_words=20))


def test_meta_summary_is_not_counted_as_risks(item1a_corpus: Callable[[str], Processed]) -> None:
    segments = item1a_corpus("META_10-K_2023.htm").result.segments
    kinds = [s.kind for s in segments]
    assert SegmentKind.SUMMARY in kinds
    assert kinds.index(SegmentKind.SUMMARY) < kinds.index(SegmentKind.RISK)
    groups = {s.group for s in risks(segments)}
    assert "Risks Related to Our Product Offerings" in groups


def test_two_heading_levels_count_only_the_upper_level(
    item1a_corpus: Callable[[str], Processed],
) -> None:
    found = risks(item1a_corpus("BA_10-K_2023.htm").result.segments)
    assert found[0].heading == (
        "We depend heavily on commercial airlines, subjecting us to unique risks."
    )
    assert "Market conditions have a significant impact" in found[0].text


def test_run_in_captions_in_capitals_group_the_run_in_risks_below() -> None:
    def runin(title: str) -> Block:
        return Block.styled(f"{title} {BODY.strip()}", lead_bold=title)

    blocks = [
        runin("STRATEGIC RISKS."),
        runin("Strategic plan - We may fail to separate the businesses."),
        runin("Competition - We face intense competition."),
        runin("OPERATIONAL RISKS."),
        runin("Supply chain - Our suppliers may fail us."),
    ]
    _, segments = cut(blocks)
    assert [(s.kind, s.group) for s in segments] == [
        (SegmentKind.INTRO, "STRATEGIC RISKS."),
        (SegmentKind.RISK, "STRATEGIC RISKS."),
        (SegmentKind.RISK, "STRATEGIC RISKS."),
        (SegmentKind.PARAGRAPH, "OPERATIONAL RISKS."),
        (SegmentKind.RISK, "OPERATIONAL RISKS."),
    ]
    assert segments[0].text == BODY.strip()
    assert not any(s.text.startswith("OPERATIONAL") for s in segments)


def test_a_section_heading_above_the_risk_level_ends_the_last_risk() -> None:
    blocks = [
        heading("We face intense competition."),
        body(),
        heading("We depend on key suppliers."),
        body(),
        heading("Our stock price may be volatile."),
        body(),
        Block.styled("CAUTIONARY STATEMENT REGARDING FORWARD-LOOKING STATEMENTS", bold=True),
        body("This report contains forward-looking statements."),
    ]
    _, segments = cut(blocks)
    assert segments[-1].kind is SegmentKind.PARAGRAPH
    assert segments[-1].group == "CAUTIONARY STATEMENT REGARDING FORWARD-LOOKING STATEMENTS"
    assert segments[-1].text == "This report contains forward-looking statements."
    assert "CAUTIONARY" not in segments[-2].text


def test_in_unstyled_text_one_sentence_titles_above_longer_paragraphs_are_risk_headings() -> None:
    titles = [
        "We face intense competition in all of our markets.",
        "We depend on a small number of suppliers for key components.",
        "Our stock price may be volatile.",
    ]
    blocks = [body("You should consider the following risks. They are not the only ones.")]
    for title in titles:
        blocks += [body(title), body(BODY), body(BODY)]

    _, segments = cut(blocks)

    assert [s.heading for s in risks(segments)] == titles
    assert segments[0].kind is SegmentKind.INTRO


def test_unstyled_paragraphs_of_similar_length_stay_paragraphs() -> None:
    _, segments = cut([body(BODY)] * 6)

    assert {s.kind for s in segments} == {SegmentKind.PARAGRAPH}


TITLES = [
    "We face intense competition.",
    "We depend on key suppliers.",
    "Our stock price may be volatile.",
]


def test_headings_set_apart_only_by_a_colour_are_headings() -> None:
    blocks = [body("You should carefully consider the risks below.")]
    for title in TITLES:
        blocks += [Block.styled(title, color="#1f4e79"), Block.styled(BODY, color="#262626")]

    _, segments = cut(blocks)

    assert [s.heading for s in risks(segments)] == TITLES


def test_grey_and_black_body_text_is_one_ink() -> None:
    blocks = []
    for title in TITLES:
        blocks += [
            Block.styled(title, bold=True),
            Block.styled(BODY, color="#000000"),
            Block.styled(BODY, color="#262626"),
        ]

    _, segments = cut(blocks)

    assert [s.heading for s in risks(segments)] == TITLES


def test_a_very_long_title_in_the_heading_style_is_still_a_heading() -> None:
    long_title = "We may be harmed by events beyond our control, " * 14  # ~126 words
    titles = [*TITLES, long_title.strip()]
    blocks = []
    for title in titles:
        blocks += [heading(title), body()]

    _, segments = cut(blocks)

    assert [s.heading for s in risks(segments)] == titles


def test_a_numbered_heading_that_ends_in_risks_is_a_risk_not_a_caption() -> None:
    titles = [
        "1. We Face Intense Competition",
        "2. We Are Subject to Payments-Related Risks",
        "3. Our Stock Price May Be Volatile",
    ]
    blocks = [caption("Business and Industry Risks")]
    for title in titles:
        blocks += [heading(title), body()]

    _, segments = cut(blocks)

    assert [s.heading for s in risks(segments)] == titles


def test_summary_items_in_the_heading_style_stay_in_the_summary() -> None:
    items = [
        "Our products may not succeed in the markets we serve today.",
        "We may lose users to competitors with greater resources.",
        "We may not retain the talent our business depends on.",
    ]
    blocks = [heading("Summary of Risk Factors"), body("The principal risks are:")]
    blocks += [heading(item) for item in items]
    blocks.append(caption("Risks Related to Our Products"))
    for title in TITLES:
        blocks += [heading(title), body()]

    _, segments = cut(blocks)

    summary = [s for s in segments if s.kind is SegmentKind.SUMMARY]
    assert len(summary) == 1 and all(item in summary[0].text for item in items)
    assert [s.heading for s in risks(segments)] == TITLES


def test_bold_lead_ins_of_list_items_inside_risks_do_not_outvote_the_headings() -> None:
    def item(lead: str) -> Block:
        return Block.styled(f"{lead} Our customers may buy less.", lead_bold=lead, lead_size=None)

    blocks = []
    for title in TITLES:
        blocks += [heading(title), body(), item("Pricing pressure."), item("Customer demand.")]
        blocks += [item("Supply constraints."), item("Regulatory scrutiny."), body()]

    _, segments = cut(blocks)

    assert [s.heading for s in risks(segments)] == TITLES
