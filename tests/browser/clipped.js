() => {
  const problems = [];
  const describe = (el) => el.tagName.toLowerCase() + "." + [...el.classList].join(".") +
    " " + JSON.stringify(el.textContent.trim().slice(0, 40));
  const hasText = (el) => [...el.childNodes].some((n) => n.nodeType === 3 && n.textContent.trim());
  let checked = 0;
  for (const el of document.querySelectorAll(".awesome-paper-table *")) {
    if (!hasText(el) || !el.checkVisibility()) continue;
    const style = getComputedStyle(el);
    const box = el.getBoundingClientRect();
    if (box.width <= 1 || box.height <= 1) continue; // visually hidden on purpose
    checked += 1;
    if (style.display !== "inline" && !["auto", "scroll"].includes(style.overflowX) &&
        el.scrollWidth > el.clientWidth + 1 && el.tagName !== "TABLE") {
      problems.push(`${describe(el)}: content ${el.scrollWidth}px wide in a ${el.clientWidth}px box`);
      continue;
    }
    for (let a = el.parentElement; a && a !== document.documentElement; a = a.parentElement) {
      const ox = getComputedStyle(a).overflowX;
      if (ox === "visible") continue;
      if (ox === "auto" || ox === "scroll") break; // reachable by scrolling that box
      const outer = a.getBoundingClientRect();
      if (box.right > outer.right + 1 || box.left < outer.left - 1) {
        problems.push(`${describe(el)}: cut off by ${a.tagName.toLowerCase()}.${[...a.classList].join(".")} (overflow ${ox})`);
      }
      break;
    }
  }
  const page = document.scrollingElement;
  return { problems, checked, scrollWidth: page.scrollWidth, innerWidth: window.innerWidth };
}
