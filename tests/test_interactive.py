"The lessons' interactive figures work for a reader: the animation plays, the kernel slider changes the curves."
import pytest
from conftest import SLIDER_LABEL as CURRENT, figure_with_slider, marker_positions, press_play, wait_for_plots

def _curve(page, fig=0, trace=0):
    "The SVG path Plotly drew for line trace `trace` of figure `fig`."
    return page.locator('div.plotly-graph-div').nth(fig).locator('.scatterlayer .trace').nth(trace).locator('path.js-line').get_attribute('d')

def _animated_figure(page):
    "Index of the first figure on the page with a Play button."
    figs = page.locator('div.plotly-graph-div')
    return next(i for i in range(figs.count()) if figs.nth(i).locator('.updatemenu-button', has_text='Play').count())

def _animated_pages():
    "Lesson pages whose figures have a Play button (the mean-shift animations), in sidebar order (the appendix's three-point demo is not one)."
    from conftest import DOCS, site_pages
    return [h for _, h in site_pages() if not h.startswith('appendix/') and (DOCS/h).exists() and 'Plotly.addFrames' in (t := (DOCS/h).read_text(encoding='utf-8'))
            and '"Play"' in t]

ANIMATED = _animated_pages()

def test_some_page_has_the_animation():
    assert ANIMATED, 'no page of the site has an animated figure with a Play button'

@pytest.mark.parametrize('html', ANIMATED)
def test_meanshift_animation_plays(site_page, html):
    sp = site_page(html)
    wait_for_plots(sp.page)
    i = _animated_figure(sp.page)
    fig = sp.page.locator('div.plotly-graph-div').nth(i)
    assert fig.locator('.slider-container').count() == 1, 'the animation has no frame slider'
    before = marker_positions(sp.page, i)
    assert len(before) >= 100, f'expected the points to be drawn, got {len(before)}'
    start = fig.locator(CURRENT).text_content()
    fig.scroll_into_view_if_needed()
    press_play(fig)
    after = marker_positions(sp.page, i)
    moved = sum(a != b for a, b in zip(before, after))
    assert moved > len(before) // 2, f'only {moved} of {len(before)} points moved after pressing Play'
    label = fig.locator(CURRENT).text_content()
    assert label.strip() != start.strip(), f'the slider did not advance: {label!r}'
    assert not sp.problems(), sp.problems()

def test_kernel_slider_changes_curve(site_page):
    sp = site_page('02_kernels.ipynb')
    wait_for_plots(sp.page)
    figs = sp.page.locator('div.plotly-graph-div')
    i = figure_with_slider(sp.page, 'bw =')
    before = _curve(sp.page, i)
    figs.nth(i).scroll_into_view_if_needed()
    box = figs.nth(i).locator('.slider-rail-touch-rect').bounding_box()
    sp.page.mouse.click(box['x'] + 2, box['y'] + box['height']/2)   # the left end: the smallest bandwidth
    sp.page.wait_for_timeout(800)
    after = _curve(sp.page, i)
    assert after != before, 'moving the bandwidth slider did not change the Gaussian curve'
    label = figs.nth(i).locator(CURRENT).text_content()
    assert label.strip() == 'bw = 0.5', label
    assert not sp.problems(), sp.problems()
