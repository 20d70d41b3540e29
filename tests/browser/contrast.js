(selector) => {
  const canvas = document.createElement("canvas");
  canvas.width = canvas.height = 1;
  const ctx = canvas.getContext("2d", { willReadFrequently: true });
  // Any CSS colour -> [r, g, b, a] with channels 0..255 and alpha 0..1.
  const rgba = (css) => {
    ctx.clearRect(0, 0, 1, 1);
    ctx.fillStyle = "rgba(0, 0, 0, 0)";
    ctx.fillStyle = css;
    ctx.fillRect(0, 0, 1, 1);
    const [r, g, b, a] = ctx.getImageData(0, 0, 1, 1).data;
    return [r, g, b, a / 255];
  };
  const over = (top, bottom) => {
    const a = top[3];
    return [0, 1, 2].map((i) => top[i] * a + bottom[i] * (1 - a)).concat([1]);
  };
  const background = (el) => {
    const layers = [];
    for (let node = el; node && node.nodeType === 1; node = node.parentElement) {
      const c = rgba(getComputedStyle(node).backgroundColor);
      if (c[3] > 0) layers.push(c);
      if (c[3] >= 1) break;
    }
    let colour = [255, 255, 255, 1]; // nothing opaque up to <html>: the canvas is white
    for (const layer of layers.reverse()) colour = over(layer, colour);
    return colour;
  };
  const luminance = ([r, g, b]) => {
    const lin = (v) => { v /= 255; return v <= 0.04045 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4; };
    return 0.2126 * lin(r) + 0.7152 * lin(g) + 0.0722 * lin(b);
  };
  const ratio = (fg, bg) => {
    const [l1, l2] = [luminance(fg), luminance(bg)].sort((a, b) => b - a);
    return (l1 + 0.05) / (l2 + 0.05);
  };
  const describe = (el, what) =>
    el.tagName.toLowerCase() + "." + [...el.classList].join(".") + (what || "") +
    " " + JSON.stringify((el.value || el.textContent).trim().slice(0, 30));
  const results = [];
  const measure = (el, colour, what) => {
    const bg = background(el);
    const fg = over(rgba(colour), bg);
    results.push({ what: describe(el, what), ratio: ratio(fg, bg),
                   fg: fg.slice(0, 3).map(Math.round), bg: bg.slice(0, 3).map(Math.round) });
  };
  for (const el of document.querySelectorAll(selector)) {
    const box = el.getBoundingClientRect();
    if (box.width <= 1 || box.height <= 1) continue; // visually hidden
    if (!el.checkVisibility({ visibilityProperty: true, opacityProperty: true })) continue;
    if (el.matches("input")) {
      measure(el, getComputedStyle(el, "::placeholder").color, "::placeholder");
      if (!el.value) continue;
    } else if (!el.textContent.trim()) continue;
    measure(el, getComputedStyle(el).color, "");
  }
  return results;
}
