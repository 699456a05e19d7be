"""The map page as a file: the same data and code make the same page, so its hashed name is stable."""

from kurilmap.mapview import map_html, map_page


def test_the_same_data_makes_the_same_page_byte_for_byte(atlas):
    first_name, first_files = map_page.__wrapped__(atlas)
    second_name, second_files = map_page.__wrapped__(atlas)
    assert first_name == second_name  # a restarted server serves the page the browser already has
    assert first_files == second_files
    assert map_html(atlas, 1905) == map_html(atlas, 1905)
