"The density lesson's interactive figures work for a reader: Play moves the seeds, the bandwidth slider redraws the landscape."
from conftest import SLIDER_LABEL as CURRENT, figure_with_slider, marker_positions, press_play, wait_for_plots

PAGE = '05_density.ipynb'

def _contours(fig):
    "The SVG paths of the figure's contour plot, joined: they change when the landscape does."
    return ''.join(p.get_attribute('d') or '' for p in fig.locator('.contourlayer path').all())

def _title(fig): return fig.locator('.gtitle').text_content().strip()

def test_density_page_draws_every_figure(site_page):
    sp = site_page(PAGE)
    assert wait_for_plots(sp.page) >= 5
    assert not sp.problems(), sp.problems()

def test_play_moves_the_seeds(site_page):
    sp = site_page(PAGE)
    wait_for_plots(sp.page)
    i = figure_with_slider(sp.page, 'iteration')
    fig = sp.page.locator('div.plotly-graph-div').nth(i)
    fig.scroll_into_view_if_needed()
    assert fig.locator('.contourlayer path').count() > 0, 'the animation has no density contours'
    landscape = _contours(fig)
    before = marker_positions(sp.page, i)
    assert len(before) >= 100, f'expected the seeds to be drawn, got {len(before)} markers'
    assert fig.locator(CURRENT).text_content().strip() == 'iteration 0'
    press_play(fig)
    after = marker_positions(sp.page, i)
    moved = sum(a != b for a, b in zip(before, after))
    assert moved > len(before) // 2, f'only {moved} of {len(before)} seeds moved after pressing Play'
    assert fig.locator(CURRENT).text_content().strip() != 'iteration 0', 'the iteration slider did not advance'
    assert _contours(fig) == landscape, 'the landscape changed while the seeds climbed (standard mean shift keeps it fixed)'
    assert not sp.problems(), sp.problems()

def test_bandwidth_slider_merges_modes(site_page):
    sp = site_page(PAGE)
    wait_for_plots(sp.page)
    i = figure_with_slider(sp.page, 'bw =')
    figs = sp.page.locator('div.plotly-graph-div')
    fig = figs.nth(i)
    fig.scroll_into_view_if_needed()
    start_label, start_title = fig.locator(CURRENT).text_content().strip(), _title(fig)
    landscape, modes = _contours(fig), marker_positions(sp.page, i)
    assert start_title.startswith(start_label) and 'mode' in start_title, (start_label, start_title)
    box = fig.locator('.slider-rail-touch-rect').bounding_box()
    sp.page.mouse.click(box['x'] + box['width'] - 2, box['y'] + box['height']/2)   # the right end: the widest bandwidth
    sp.page.wait_for_timeout(1000)
    label, title = fig.locator(CURRENT).text_content().strip(), _title(fig)
    assert label != start_label, f'the slider did not move: {label!r}'
    assert title.startswith(label) and title != start_title, f'the title did not follow the slider: {title!r}'
    assert _contours(fig) != landscape, 'moving the bandwidth slider did not redraw the density'
    n_modes = len(marker_positions(sp.page, i))
    assert 1 <= n_modes < len(modes), f'the widest bandwidth should merge modes: {len(modes)} -> {n_modes}'
    assert title.endswith(f'{n_modes} mode' + ('s' if n_modes != 1 else '')), (title, n_modes)
    assert not sp.problems(), sp.problems()
