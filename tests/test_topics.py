def test_a_point_fitting_two_topics_alike_goes_where_its_passage_belongs(seed_build):
    """Ushakov's "The presidents talked in much detail about the future of our relations in
    their conversation ..." fits "The call" and "Ceasefire stance" alike (0.071 and 0.072);
    it stands among the Spokesman-Review's lines on trade with Russia, which "The call" asks
    for. A desk reader had found it misfiled under the ceasefire."""
    section_of = {
        point.text: section.title
        for section in seed_build.brief.stories[0].sections
        for point in section.points
    }
    ushakov = next(text for text in section_of if "The presidents talked" in text)
    assert section_of[ushakov] == "The call"


def test_a_point_fitting_one_topic_clearly_stays_there(seed_build):
    """The tie-break is for near ties only: the conditions for a ceasefire are the ceasefire's."""
    homes = [
        section.title
        for section in seed_build.brief.stories[0].sections
        for point in section.points
        if "conditions for a ceasefire" in point.text
    ]
    assert homes == ["Ceasefire stance"]
