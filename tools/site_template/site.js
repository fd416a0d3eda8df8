// What a reader of the site can do beyond reading: dark mode (the Plotly figures follow it), the phone menu,
// a copy button on each code cell, the table of contents marking the section in view, figures that fit a
// narrow screen. The colour mode itself is set before the page draws, by a small script in <head>.
(function () {
  'use strict';
  const KEY = 'msnb-theme', root = document.documentElement;
  const systemDark = window.matchMedia('(prefers-color-scheme: dark)');
  const phone = window.matchMedia('(max-width: 800px)');

  function stored() { try { return localStorage.getItem(KEY); } catch (e) { return null; } }
  function store(t) { try { localStorage.setItem(KEY, t); } catch (e) { /* private mode: this page only */ } }
  function theme() { return root.getAttribute('data-theme') === 'dark' ? 'dark' : 'light'; }

  // Plotly figures. They are made with the 'plotly_white' template; in dark mode their backgrounds, text, grid,
  // legend, sliders and buttons take the page's dark colours, and each figure's own colours come back in light mode.
  const DARK = { bg: '#16181d', text: '#dfe3e8', grid: '#2d323b', line: '#4a515e', menu: '#262a31' };

  function plots() { return Array.from(document.querySelectorAll('div.plotly-graph-div')).filter(gd => gd._fullLayout); }

  function colourPaths(L) {
    const p = { paper_bgcolor: 'bg', plot_bgcolor: 'bg', 'font.color': 'text', 'legend.bgcolor': 'bg', 'legend.font.color': 'text' };
    Object.keys(L).filter(k => /^[xy]axis\d*$/.test(k)).forEach(k => {
      p[k + '.gridcolor'] = 'grid'; p[k + '.zerolinecolor'] = 'line'; p[k + '.linecolor'] = 'line';
    });
    (L.sliders || []).forEach((s, i) => {
      const k = 'sliders[' + i + ']';
      p[k + '.font.color'] = 'text'; p[k + '.bgcolor'] = 'menu'; p[k + '.bordercolor'] = 'line';
      p[k + '.activebgcolor'] = 'line'; p[k + '.tickcolor'] = 'text';
      p[k + '.currentvalue.font.color'] = 'text';
    });
    (L.updatemenus || []).forEach((m, i) => {
      const k = 'updatemenus[' + i + ']';
      p[k + '.font.color'] = 'text'; p[k + '.bgcolor'] = 'menu'; p[k + '.bordercolor'] = 'line';
    });
    return p;
  }

  function lookup(obj, path) {
    return path.replace(/\[(\d+)\]/g, '.$1').split('.').reduce((o, k) => (o == null ? undefined : o[k]), obj);
  }

  function themePlot(gd, t) {
    const paths = colourPaths(gd._fullLayout), update = {};
    gd._msnbLight = gd._msnbLight || {};
    Object.keys(paths).forEach(path => {
      if (!(path in gd._msnbLight)) { const v = lookup(gd._fullLayout, path); gd._msnbLight[path] = v === undefined ? null : v; }
      update[path] = t === 'dark' ? DARK[paths[path]] : gd._msnbLight[path];
    });
    gd._msnbTheme = t;
    return window.Plotly.relayout(gd, update);
  }

  function themePlots(t) { plots().forEach(gd => { if ((gd._msnbTheme || 'light') !== t) themePlot(gd, t); }); }

  // On a narrow screen a figure made for a fixed width shrinks to its column (and grows back, up to that width).
  function fitPlots() {
    plots().forEach(gd => {
      if (gd._msnbWidth === undefined) gd._msnbWidth = (gd.layout && gd.layout.width) || 0;
      if (!gd._msnbWidth) return;   // figures without a width follow their box already (responsive)
      // plotly.py sizes the figure's wrapper (or, in older versions, the figure's own div) in px
      const box = /px$/.test(gd.parentElement.style.width) ? gd.parentElement : gd;
      const w = Math.floor(Math.min(gd._msnbWidth, box.parentElement.clientWidth));
      if (Math.round(gd._fullLayout.width) === w) return;
      box.style.width = w + 'px';
      window.Plotly.relayout(gd, { width: w });
    });
  }

  function apply(t) {
    root.setAttribute('data-theme', t);
    root.setAttribute('data-pf-theme', t);
    const b = document.querySelector('.theme-toggle');
    if (b) b.setAttribute('aria-pressed', String(t === 'dark'));
    if (window.Plotly) themePlots(t);
  }

  // The phone menu: the lessons open over the page, and close with Escape or when a link is followed.
  function setMenu(open) {
    const b = document.querySelector('.menu-button');
    root.classList.toggle('nav-open', open);
    if (b) b.setAttribute('aria-expanded', String(open));
  }

  // The table of contents marks the last heading that has scrolled past the top of the window.
  function tocTracker() {
    const links = Array.from(document.querySelectorAll('nav.toc a[href^="#"]'));
    const heads = links.map(a => document.getElementById(a.getAttribute('href').slice(1)));
    if (!links.length) return;
    let queued = false;
    function mark() {
      queued = false;
      const line = Math.min(120, window.innerHeight / 3);
      let cur = -1;
      heads.forEach((h, i) => { if (h && h.getBoundingClientRect().top <= line) cur = i; });
      links.forEach((a, i) => {
        a.classList.toggle('active', i === cur);
        if (i === cur) a.setAttribute('aria-current', 'location'); else a.removeAttribute('aria-current');
      });
    }
    window.addEventListener('scroll', () => { if (!queued) { queued = true; window.requestAnimationFrame(mark); } }, { passive: true });
    window.addEventListener('hashchange', mark);
    mark();
  }

  function copyButtons() {
    document.querySelectorAll('button.copy-code').forEach(b => b.addEventListener('click', async () => {
      const pre = b.parentElement.querySelector('pre');
      const text = pre.textContent.replace(/\n$/, '');
      let said = 'Copied';
      try { await navigator.clipboard.writeText(text); }
      catch (e) {   // no clipboard (an old browser, a file:// page): select the code for Ctrl+C
        const r = document.createRange(); r.selectNodeContents(pre);
        const s = window.getSelection(); s.removeAllRanges(); s.addRange(r);
        said = 'Press Ctrl+C';
      }
      b.textContent = said; b.classList.add('done');
      window.setTimeout(() => { b.textContent = 'Copy'; b.classList.remove('done'); }, 2000);
    }));
  }

  function init() {
    const toggle = document.querySelector('.theme-toggle');
    if (toggle) {
      toggle.setAttribute('aria-pressed', String(theme() === 'dark'));
      toggle.addEventListener('click', () => { const t = theme() === 'dark' ? 'light' : 'dark'; store(t); apply(t); });
    }
    systemDark.addEventListener('change', e => { if (!stored()) apply(e.matches ? 'dark' : 'light'); });

    const menu = document.querySelector('.menu-button'), nav = document.getElementById('sidebar');
    if (menu && nav) {
      menu.addEventListener('click', () => setMenu(!root.classList.contains('nav-open')));
      nav.addEventListener('click', e => { if (e.target.closest('a')) setMenu(false); });
      document.addEventListener('keydown', e => {
        if (e.key === 'Escape' && root.classList.contains('nav-open')) { setMenu(false); menu.focus(); }
      });
      phone.addEventListener('change', () => setMenu(false));
    }
    // On a phone the search button shows only its icon.
    const trigger = document.querySelector('pagefind-modal-trigger');
    const compact = () => { if (trigger) trigger.toggleAttribute('compact', phone.matches); };
    compact(); phone.addEventListener('change', compact);
    // On a phone the table of contents starts folded, so the lesson comes first.
    const toc = document.querySelector('nav.toc details');
    if (toc && phone.matches) toc.open = false;

    copyButtons();
    tocTracker();
  }

  // The figures: plotly.js and this script are deferred, in that order, so both run once the page is parsed;
  // each figure's script waits in window.msnbFigures (tools/build_site.py queues them) and is drawn here.
  function drawFigures() {
    const queue = window.msnbFigures || [];
    window.msnbFigures = { push: f => f() };   // a figure added later draws at once
    if (!window.Plotly) return;
    queue.forEach(f => f());
    fitPlots();
    if (theme() === 'dark') themePlots('dark');
    let timer = null;
    window.addEventListener('resize', () => { window.clearTimeout(timer); timer = window.setTimeout(fitPlots, 150); });
  }

  drawFigures();
  document.addEventListener('DOMContentLoaded', init);
})();
