"""Finding Item 1A: the section body, never a TOC entry, index line or page header."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from edgar_sentinel.models import Item1AStatus, is_10k_form
from edgar_sentinel.preprocess.clean import is_page_number, is_toc_link
from edgar_sentinel.preprocess.document import parse_document
from edgar_sentinel.preprocess.extract import Item1AResult, extract_item1a
from edgar_sentinel.preprocess.sources import load_source
from edgar_sentinel.settings import PreprocessSettings
from tests.preprocess.item1a_support import Processed, parse_markup

BODY = "Our business faces many risks that could harm results. " * 6
TOC = (
    "<table><tr><td>Item 1.</td><td>Business</td><td>3</td></tr>"
    "<tr><td>Item 1A.</td><td>Risk Factors</td><td>8</td></tr>"
    "<tr><td>Item 1B.</td><td>Unresolved Staff Comments</td><td>16</td></tr>"
    "<tr><td>Item 2.</td><td>Properties</td><td>17</td></tr></table>"
)


def p(text: str, *, bold: bool = False) -> str:
    return f"<p><b>{text}</b></p>" if bold else f"<p>{text}</p>"


def extract(
    html: str,
    *,
    form_type: str | None = "10-K",
    period: str | None = "2023-12-31",
    is_html: bool = True,
) -> Item1AResult:
    return extract_item1a(
        parse_markup(html, is_html=is_html),
        form_type=form_type,
        period_of_report=period,
        settings=PreprocessSettings(),
    )


def text_of(result: Item1AResult) -> str:
    assert result.text is not None
    return result.text


def filing(heading: str = "Item 1A. Risk Factors", *body: str) -> str:
    return (
        "<html><body>"
        + p("FORM 10-K")
        + TOC
        + p("Item 1. Business", bold=True)
        + p("We sell things. See Item 1A, Risk Factors, for the risks we face.")
        + p(heading, bold=True)
        + "".join(body or (p(BODY),))
        + p("Item 1B. Unresolved Staff Comments", bold=True)
        + p("None.")
        + p("Item 2. Properties", bold=True)
        + p("We own buildings.")
        + "</body></html>"
    )


def test_the_table_of_contents_entry_is_never_the_section() -> None:
    result = extract(filing())
    assert result.status is Item1AStatus.EXTRACTED
    assert result.heading == "Item 1A. Risk Factors"
    assert result.text == BODY.strip()


@pytest.mark.parametrize(
    "heading",
    [
        "ITEM 1A. RISK FACTORS",
        "Item 1A - Risk Factors",
        "Item 1A.Risk Factors",
        "ITEM 1A: RISK FACTORS",
        "Item 1A—Risk Factors",
        "PART I, ITEM 1A. RISK FACTORS",
        "1A. Risk Factors",
    ],
)
def test_heading_variants_are_recognised(heading: str) -> None:
    result = extract(filing(heading))
    assert result.status is Item1AStatus.EXTRACTED
    assert result.text == BODY.strip()


def test_bare_item_number_takes_its_title_from_the_next_block() -> None:
    html = filing("Item 1A.").replace(
        "<p><b>Item 1A.</b></p>", "<p><b>Item 1A.</b></p><p><b>Risk Factors.</b></p>"
    )
    result = extract(html)
    assert result.heading == "Item 1A. Risk Factors."
    assert result.text == BODY.strip()


def test_a_risk_heading_with_next_item_words_does_not_end_the_section() -> None:
    result = extract(
        filing(
            "Item 1A. Risk Factors",
            p("We have unresolved Staff comments.", bold=True),
            p(BODY),
        )
    )
    assert result.text is not None
    assert result.text.startswith("We have unresolved Staff comments.")
    assert result.text.endswith(BODY.strip())


def test_page_furniture_inside_the_section_is_removed() -> None:
    footer = "<p>Acme Corp. | 2023 Form 10-K | {}</p><p>Table of Contents</p>"
    pages = [p(BODY) + footer.format(n) for n in range(8, 12)]
    result = extract(filing("Item 1A. Risk Factors", *pages))
    assert result.text is not None
    assert "Form 10-K |" not in result.text
    assert "Table of Contents" not in result.text
    assert result.text.count("Our business faces") == 4 * 6


def test_running_item_headers_inside_the_section_are_dropped() -> None:
    result = extract(
        filing(
            "Item 1A. Risk Factors",
            p(BODY),
            p("Item 1A—Risk Factors (continued)"),
            p(BODY),
        )
    )
    assert result.text == f"{BODY.strip()}\n\n{BODY.strip()}"


def test_a_run_in_item_heading_starts_the_section_inside_its_paragraph() -> None:
    html = filing("Item 1A. Risk Factors").replace(
        f"<p><b>Item 1A. Risk Factors</b></p><p>{BODY}</p>",
        f"<p><b>Item 1A. Risk Factors.</b> {BODY}</p>",
    )
    result = extract(html)
    assert result.heading == "Item 1A. Risk Factors."
    assert result.text == BODY.strip()


def test_a_paragraph_split_by_a_page_break_is_joined_again() -> None:
    result = extract(
        filing(
            "Item 1A. Risk Factors",
            p(BODY + "This sentence runs over"),
            p("12"),
            p("Table of Contents"),
            p("the page break and ends here."),
        )
    )
    assert result.text is not None
    assert result.text.endswith("This sentence runs over the page break and ends here.")


@pytest.mark.parametrize(
    ("body", "status"),
    [
        ("Not applicable.", Item1AStatus.NOT_APPLICABLE),
        (
            "As a smaller reporting company, we are not required to provide this information.",
            Item1AStatus.NOT_APPLICABLE,
        ),
        (
            "The information required by this item is incorporated herein by reference to "
            "the 2024 Annual Report to Shareholders.",
            Item1AStatus.INCORPORATED_BY_REFERENCE,
        ),
        ("Omitted pursuant to General Instruction J.", Item1AStatus.OMITTED),
    ],
)
def test_short_answers_decide_the_status(body: str, status: Item1AStatus) -> None:
    result = extract(filing("Item 1A. Risk Factors", p(body)))
    assert result.status is status
    assert result.text == body
    assert result.segments == []


def test_an_item_listed_as_omitted_has_status_omitted() -> None:
    html = (
        "<html><body>"
        + p("PART I", bold=True)
        + p("The following items have been omitted in accordance with General Instruction J:")
        + p("Item 1. Business.")
        + p("Item 1A. Risk Factors.")
        + p("Item 2. Properties.")
        + p("Item 1B. Unresolved Staff Comments.", bold=True)
        + p("None.")
        + "</body></html>"
    )
    result = extract(html)
    assert result.status is Item1AStatus.OMITTED
    assert result.text == (
        "The following items have been omitted in accordance with General Instruction J:"
    )


def test_old_filings_without_item1a_are_pre_item1a() -> None:
    html = "<html><body>" + TOC.replace("Item 1A.", "Item 3.") + p(BODY) + "</body></html>"
    assert extract(html, period="2002-12-31").status is Item1AStatus.PRE_ITEM1A
    assert extract(html, period="2007-12-31").status is Item1AStatus.NOT_FOUND


@pytest.mark.parametrize(
    ("form", "family"),
    [
        ("10-K", True),
        ("10-K405", True),
        ("10-KSB", True),
        ("10KSB", True),
        ("10-KT", True),
        ("10-K/A", True),
        ("10-q", False),
        ("8-K", False),
        ("20-F", False),
    ],
)
def test_10k_family(form: str, family: bool) -> None:
    assert is_10k_form(form) is family
    status = extract(filing(), form_type=form).status
    assert (status is Item1AStatus.NOT_A_10K) is not family


def test_risk_factors_under_a_run_in_heading_outside_the_items() -> None:
    html = (
        "<html><body>"
        + p("Cybersecurity", bold=True)
        + p("We protect our systems.")
        + f"<p><b>RISK FACTORS.</b> {BODY}</p>"
        + p(BODY * 4)
        + f"<p><b>LEGAL PROCEEDINGS.</b> {BODY}</p>"
        + "<table><tr><td>Item 1A. Risk Factors</td><td>27-36</td></tr>"
        + "<tr><td>Item 1B. Unresolved Staff Comments</td><td>Not applicable</td></tr></table>"
        + "</body></html>"
    )
    result = extract(html)
    assert result.status is Item1AStatus.EXTRACTED
    assert result.heading == "RISK FACTORS."
    assert result.text == f"{BODY.strip()}\n\n{(BODY * 4).strip()}"
    assert [w.code for w in result.warnings] == ["nonstandard_heading"]


def test_an_index_of_table_rows_is_not_taken_for_the_section() -> None:
    rows = "".join(
        f"<tr><td>Topic {n} of the annual report</td><td>{n}</td></tr>" for n in range(40)
    )
    html = (
        "<html><body>"
        + p("Risk Factors", bold=True)
        + p(BODY * 5)
        + p("Legal Proceedings", bold=True)
        + p("We are party to lawsuits.")
        + "<table><tr><td>Item 1A. Risk Factors</td><td>27-36</td></tr>"
        + rows
        + "</table></body></html>"
    )
    result = extract(html)
    assert result.heading == "Risk Factors"
    assert result.text == (BODY * 5).strip()


def test_a_filing_laid_out_in_one_big_table_is_still_read() -> None:
    html = (
        filing()
        .replace("<html><body>", "<html><body><table><tr><td>")
        .replace("</body></html>", "</td></tr></table></body></html>")
    )
    result = extract(html)
    assert result.status is Item1AStatus.EXTRACTED
    assert result.text == BODY.strip()


def test_a_section_running_to_the_end_is_flagged_truncated() -> None:
    html = "<html><body>" + TOC + p("Item 1A. Risk Factors", bold=True) + p(BODY)
    result = extract(html)
    assert result.status is Item1AStatus.EXTRACTED
    assert [w.code for w in result.warnings] == ["truncated"]


def test_toc_only_input_is_not_found(bad_inputs_dir: Path) -> None:
    parsed = parse_document(load_source(bad_inputs_dir / "toc-only.htm"))
    result = extract_item1a(
        parsed, form_type="10-K", period_of_report=None, settings=PreprocessSettings()
    )
    assert result.status is Item1AStatus.NOT_FOUND
    assert result.text is None
    assert [w.code for w in result.warnings] == ["item1a_not_found"]


def test_filing_cut_short_is_never_reported_complete(bad_inputs_dir: Path) -> None:
    source = load_source(bad_inputs_dir / "truncated-in-item1a.htm")
    result = extract_item1a(
        parse_document(source),
        form_type="10-K",
        period_of_report="2023-12-31",
        settings=PreprocessSettings(),
    )
    # The file ends inside Item 1 (before any Item 1A body): not found, and said to be cut.
    assert [code for code, _ in source.warnings] == ["truncated"]
    assert result.status is Item1AStatus.NOT_FOUND


def test_real_sections_hold_no_page_furniture(
    item1a_corpus: Callable[[str], Processed], labelled_file: str
) -> None:
    text = item1a_corpus(labelled_file).result.text or ""
    for block in text.split("\n\n"):
        assert not is_page_number(block), (labelled_file, block)
        assert not is_toc_link(block), (labelled_file, block)


@pytest.mark.parametrize(
    "sentence",
    [
        "Part I, Item 1A. “Risk Factors” describes these risks in more detail.",
        "Item 1A. Risk Factors of this report lists the important factors.",
        "Item 1A of this Form 10-K describes the risks we face",
    ],
)
def test_a_paragraph_that_starts_with_a_cross_reference_is_not_a_heading(sentence: str) -> None:
    html = filing().replace(p("We sell things."), p(sentence) + p("We sell things."), 1)
    html = html.replace(
        p("We sell things. See Item 1A, Risk Factors, for the risks we face."),
        p(sentence) + p("We sell many things in many places. " * 20),
    )

    result = extract(html)

    assert result.status is Item1AStatus.EXTRACTED
    assert text_of(result).startswith("Our business faces many risks")


@pytest.mark.parametrize(
    "title",
    [
        "Risk factors relating to our business",
        "Risk Factors and Forward-Looking Statements",
        "Risk Factors Relating to Our Business and Industry.",
    ],
)
def test_a_heading_that_goes_on_past_the_item_title_is_still_a_heading(title: str) -> None:
    result = extract(filing(f"Item 1A. {title}"))

    assert result.status is Item1AStatus.EXTRACTED
    assert result.heading == f"Item 1A. {title}"


@pytest.mark.parametrize("heading", ["ITEM 1(A). RISK FACTORS", "Item 1(a) Risk Factors"])
def test_the_item_letter_may_stand_in_parentheses(heading: str) -> None:
    result = extract(filing(heading))

    assert result.status is Item1AStatus.EXTRACTED
    assert result.heading == heading
    assert text_of(result).startswith("Our business faces many risks")


def test_an_unstyled_run_in_heading_with_the_item_title_ends_the_section() -> None:
    html = filing().replace(
        p("Item 1B. Unresolved Staff Comments", bold=True) + p("None."),
        p(
            "Item 1B. Unresolved Staff Comments. We have received no written comments "
            "from the staff of the Securities and Exchange Commission that remain unresolved."
        ),
    )

    result = extract(html)

    assert text_of(result).rstrip().endswith("could harm results.")
    assert "Unresolved" not in text_of(result)


def test_an_italic_run_in_risk_factors_heading_outside_the_items_is_found() -> None:
    intro = "<p><i>RISK FACTORS.</i> " + BODY + "</p>"
    html = (
        "<html><body>"
        + p("FORM 10-K")
        + p("Our Business", bold=True)
        + p(BODY)
        + intro
        + p(BODY * 3)
        + "<p><i>LEGAL PROCEEDINGS.</i> We are party to lawsuits.</p>"
        + p("We sell things.")
        + "</body></html>"
    )

    result = extract(html)

    assert result.status is Item1AStatus.EXTRACTED
    assert result.heading == "RISK FACTORS."
    assert "lawsuits" not in text_of(result)


PLAIN_10K = """FORM 10-K

PART I

ITEM 1.  BUSINESS

We sell things in many places.

ITEM 1A.  RISK FACTORS

Our business faces many risks that could harm results. Demand for our products
may fall, and our costs may rise. For a discussion of our results, see
Part II, Item 7, Management's Discussion and Analysis of Financial Condition and
Results of Operations, which describes how these risks affected us last year.
Competition is intense and may reduce our margins over time.

ITEM 1B.  UNRESOLVED STAFF COMMENTS

None.
"""


def test_a_wrapped_line_that_starts_with_an_item_reference_does_not_end_the_section() -> None:
    result = extract(PLAIN_10K, is_html=False)

    assert result.status is Item1AStatus.EXTRACTED
    assert text_of(result).startswith("Our business faces many risks")
    assert text_of(result).endswith("may reduce our margins over time.")


def test_a_filing_in_one_preformatted_block_is_read_like_plain_text() -> None:
    result = extract(f"<html><body><pre>{PLAIN_10K}</pre></body></html>")

    assert result.status is Item1AStatus.EXTRACTED
    assert result.heading == "ITEM 1A. RISK FACTORS"
    assert text_of(result).endswith("may reduce our margins over time.")


def test_a_page_header_above_a_heading_split_from_its_title_leaves_neither_in_the_text() -> None:
    header = p("ITEM 1A. RISK FACTORS")  # the running header of every page of the section
    html = filing(
        "Item 1A. Risk Factors",
        p(BODY),
    ).replace(
        p("Item 1A. Risk Factors", bold=True) + p(BODY),
        header + p("ITEM 1A.", bold=True) + p("RISK FACTORS", bold=True) + p(BODY),
    )

    result = extract(html)

    assert result.status is Item1AStatus.EXTRACTED
    assert text_of(result).startswith("Our business faces many risks")


def test_an_item_line_that_runs_on_in_lower_case_is_a_wrapped_sentence() -> None:
    text = PLAIN_10K.replace(
        "We sell things in many places.",
        "We sell things in many places, and the risks described under\n"
        "Item 1A. Risk Factors of this report could materially affect\n"
        "our business in the years ahead.",
    )

    result = extract(text, is_html=False)

    assert text_of(result).startswith("Our business faces many risks")


def test_a_short_answer_keeps_its_words_but_not_the_running_header_after_it() -> None:
    header = p("Acme Corp | 2024 Form 10-K | 13")
    html = (
        "<html><body>"
        + p("FORM 10-K")
        + (header + p(BODY)) * 3
        + p("Item 1A. Risk Factors", bold=True)
        + p("None.")
        + header
        + p("Item 1B. Unresolved Staff Comments", bold=True)
        + p("None.")
        + "</body></html>"
    )

    result = extract(html)

    assert result.status is Item1AStatus.NOT_APPLICABLE
    assert result.text == "None."


@pytest.mark.parametrize(
    "line",
    [
        "Item 1B. Unresolved Staff Comments. Not applicable.",
        "ITEM 1B. UNRESOLVED STAFF COMMENTS. None.",
    ],
)
def test_a_next_item_title_run_into_its_short_answer_ends_the_section(line: str) -> None:
    html = filing().replace(
        p("Item 1B. Unresolved Staff Comments", bold=True) + p("None."), p(line)
    )

    result = extract(html)

    assert text_of(result).endswith("could harm results.")


def test_a_risk_factors_title_run_into_not_applicable_is_a_short_answer() -> None:
    html = filing("Item 1A. Risk Factors. Not applicable.", p(""))

    result = extract(html)

    assert result.status is Item1AStatus.NOT_APPLICABLE
    assert result.heading == "Item 1A. Risk Factors."


@pytest.mark.parametrize(
    "header", ["Item 1A (continued)", "ITEM 1A—CONTINUED", "Part I – Item 1A (cont.)"]
)
def test_a_continued_running_header_is_dropped_from_the_section(header: str) -> None:
    result = extract(filing("Item 1A. Risk Factors", p(BODY), p(header), p(BODY)))

    assert header not in text_of(result)


def test_item_1a_in_parentheses_is_not_part_a_of_an_old_item_1() -> None:
    html = filing().replace(
        p("Item 1. Business", bold=True),
        p("Item 1. Business", bold=True) + p("Item 1(a) General Development of Business"),
    )

    result = extract(html, period="2024-12-31")

    assert result.heading == "Item 1A. Risk Factors"
    assert text_of(result).startswith("Our business faces many risks")


@pytest.mark.parametrize(
    ("before", "after"),
    [
        ("Table of Contents\n", "Our business faces many risks."),
        ("Acme Corp. 2004 Annual Report\n", "Our business faces many risks."),
        ("", "o  We face intense competition and our business faces many risks."),
    ],
)
def test_plain_text_item_headings_after_short_lines_or_before_bullets(
    before: str, after: str
) -> None:
    text = PLAIN_10K.replace(
        "ITEM 1A.  RISK FACTORS\n\nOur business faces many risks that could harm results.",
        f"{before}ITEM 1A.  RISK FACTORS\n{after}",
    )
    assert text != PLAIN_10K

    result = extract(text, is_html=False)

    assert result.heading == "ITEM 1A. RISK FACTORS"
    assert text_of(result).startswith(after.split(maxsplit=1)[0])


def test_an_item_reference_after_a_short_line_ending_mid_sentence_stays_in_it() -> None:
    text = PLAIN_10K.replace(
        "Competition is intense and may reduce our margins over time.",
        "For more, see the\ndiscussion under\n"
        "Part II, Item 7, Management's Discussion and Analysis of Financial\n"
        "Condition and Results of Operations.\n"
        "Competition is intense and may reduce our margins over time.",
    )
    assert text != PLAIN_10K

    result = extract(text, is_html=False)

    assert text_of(result).endswith("may reduce our margins over time.")
