"Lesson 09's interactive figures work for a reader: the bandwidth slider changes the clusters shown; the plateau shows both kernels."
from conftest import SLIDER_LABEL as CURRENT, figure_with_slider, wait_for_plots

PAGE = '09_clustering.ipynb'

def _trace_points(fig, trace):
    "The markers Plotly drew for scatter trace `trace`: their transforms and fill colours."
    return fig.locator('.scatterlayer .trace').nth(trace).evaluate(
        "t => [...t.querySelectorAll('path.point')].map(p => [p.getAttribute('transform'), p.style.fill])")

def test_bandwidth_slider_changes_clusters(site_page):
    sp = site_page(PAGE)
    wait_for_plots(sp.page)
    i = figure_with_slider(sp.page, 'bw =')
    fig = sp.page.locator('div.plotly-graph-div').nth(i)
    fig.scroll_into_view_if_needed()
    points, centres = _trace_points(fig, 0), _trace_points(fig, 1)
    assert len(points) >= 1500, f'expected the 1,500 points, got {len(points)}'
    first_label = fig.locator(CURRENT).text_content().strip()
    box = fig.locator('.slider-rail-touch-rect').bounding_box()
    sp.page.mouse.click(box['x'] + box['width'] - 2, box['y'] + box['height']/2)   # the right end: the largest bandwidth
    sp.page.wait_for_timeout(1000)
    label = fig.locator(CURRENT).text_content().strip()
    assert label != first_label, f'the slider did not move: {label!r}'
    points_after, centres_after = _trace_points(fig, 0), _trace_points(fig, 1)
    assert len(centres_after) < len(centres), f'{len(centres)} centres before, {len(centres_after)} after: a larger bandwidth should find fewer clusters'
    assert [t for t, _ in points_after] == [t for t, _ in points], 'the points themselves moved: a frame should only recolour them'
    assert len({c for _, c in points_after}) < len({c for _, c in points}), 'the points were not recoloured by the new clusters'
    title = fig.locator('.gtitle').text_content()
    assert f'{len(centres_after)} clusters' in title, title
    assert not sp.problems(), sp.problems()

def test_plateau_shows_both_kernels(site_page):
    sp = site_page(PAGE)
    wait_for_plots(sp.page)
    figs = sp.page.locator('div.plotly-graph-div')
    titles = [figs.nth(i).locator('.gtitle').all_text_contents() for i in range(figs.count())]
    i = next(i for i, t in enumerate(titles) if t and 'against the bandwidth' in t[0])
    legend = figs.nth(i).locator('.legendtext').all_text_contents()
    assert legend == ['flat kernel', 'gaussian kernel'], legend
    lines = figs.nth(i).locator('.scatterlayer .trace path.js-line')
    assert lines.count() == 2 and all(len(lines.nth(k).get_attribute('d')) > 50 for k in range(2))
    assert not sp.problems(), sp.problems()
