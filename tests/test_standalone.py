import pytest

from digest.text.standalone import is_bare_attribution, needs_context, quotation_leans_back


@pytest.mark.parametrize(
    "text",
    [
        "What do you think about this?'",  # the end of a quotation opened sentences before
        'He was clear." Then the talks began.',
        "We thought that was a shame.",  # "we" of a quotation, with no speaker
        "But the Kremlin refused.",
        # further in: which business center, who is "he"?
        "The Kremlin emphasized on Monday that the conversation with Trump took place from this "
        "state-funded business center.",
        "On the call, he said he asked Mr. Putin to meet with him.",
    ],
)
def test_sentences_that_lean_on_the_one_before(text):
    assert needs_context(text)


@pytest.mark.parametrize(
    "text",
    [
        'The president said the call was "good" for both sides.',
        "Peskov said the talks were 'constructive.'",
        "Trump's plan for talks in the Vatican is ready.",
        "The Kremlin said the talks would resume later this week in Istanbul.",
        'Leavitt said Trump was tired of "both sides of this conflict" and their delays.',
        "On Monday, Trump said he asked Putin to meet with him.",
    ],
)
def test_sentences_that_stand_alone(text):
    assert not needs_context(text)


def test_a_bare_attribution_belongs_to_its_quotation():
    assert is_bare_attribution("Peskov told reporters.")
    assert not is_bare_attribution("Peskov told reporters the talks would go on for weeks.")


def test_a_quotation_that_points_back_is_no_key_quote():
    assert quotation_leans_back("Trump remembered this military brotherhood")
    assert quotation_leans_back("But that is not enough for the Europeans")
    assert not quotation_leans_back("I carry in my heart the sufferings of the Ukrainian people")
    assert not quotation_leans_back("It is difficult and becoming more difficult")
