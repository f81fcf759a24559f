// Keyboard shortcuts and select-all for the moderation page. The page works without this file:
// every shortcut presses a button or ticks a box that is on the page anyway.
(function () {
  "use strict";
  var items = Array.prototype.slice.call(document.querySelectorAll("#queue .item"));
  var key = "commentshield-current:" + location.pathname;
  var current = -1;

  function show(index, quietly) {
    if (items.length === 0) {
      return;
    }
    index = Math.max(0, Math.min(items.length - 1, index));
    if (current >= 0 && items[current]) {
      items[current].classList.remove("current");
    }
    current = index;
    var item = items[current];
    item.classList.add("current");
    if (!quietly) {
      item.focus({ preventScroll: true });
      item.scrollIntoView({ block: "nearest" });
    }
    sessionStorage.setItem(key, String(current));
  }

  function press(selector) {
    if (current < 0) {
      return;
    }
    var button = items[current].querySelector(selector);
    if (button) {
      button.click();
    }
  }

  var remembered = parseInt(sessionStorage.getItem(key) || "0", 10);
  if (items.length > 0) {
    // where the moderator was before the page reloaded, without scrolling the page there
    show(isNaN(remembered) ? 0 : remembered, true);
  }

  var selectAll = document.getElementById("select-all");
  if (selectAll) {
    document.getElementById("select-all-label").hidden = false;
    selectAll.addEventListener("change", function () {
      items.forEach(function (item) {
        item.querySelector("input[name=ids]").checked = selectAll.checked;
      });
    });
  }

  var shortcuts = document.getElementById("shortcuts");
  document.addEventListener("keydown", function (event) {
    if (event.ctrlKey || event.metaKey || event.altKey) {
      return;
    }
    var target = event.target;
    var tag = target && target.tagName;
    if (tag === "INPUT" && target.type !== "checkbox" || tag === "TEXTAREA" || tag === "SELECT") {
      if (event.key === "Escape") {
        target.blur();
      }
      return;
    }
    switch (event.key) {
      case "j":
        show(current + 1);
        break;
      case "k":
        show(current - 1);
        break;
      case "s":
        press("button.spam[name=one]");
        break;
      case "h":
        press("button.ham[name=one]");
        break;
      case "x":
        if (current >= 0) {
          var box = items[current].querySelector("input[name=ids]");
          box.checked = !box.checked;
        }
        break;
      case "u":
        var undo = document.getElementById("undo-button");
        if (undo) {
          undo.click();
        }
        break;
      case "/":
        document.getElementById("search").focus();
        break;
      case "?":
        shortcuts.open = !shortcuts.open;
        break;
      default:
        return;
    }
    event.preventDefault();
  });

  items.forEach(function (item, index) {
    item.addEventListener("click", function () {
      if (index !== current) {
        show(index);
      }
    });
  });
})();
