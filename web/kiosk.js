/*
 * Kiosk mode: a full-screen touch page for an information point in a hospital hall.
 * - the top questions as big buttons on the start screen (no typing needed);
 * - the emergency instruction and the disclaimer always visible;
 * - after `idle` seconds without a touch (default 120, from the server's
 *   KIOSK_IDLE_SECONDS), a `warning`-second "bent u er nog?" (default 15),
 *   then the screen is wiped and a fresh session starts; nothing is stored in
 *   the browser (no sessionStorage, no cookies);
 * - a QR code beside each answer, linking to the public source page;
 * - optional read-aloud (browser speech synthesis) with a visible button.
 * Test and deployment overrides in the page URL: ?idle=10&warning=3
 */
(function () {
  "use strict";

  function byId(id) {
    return document.getElementById(id);
  }

  function numberParam(params, name) {
    var value = Number(params.get(name));
    return Number.isFinite(value) && value > 0 ? value : null;
  }

  var params = new URLSearchParams(window.location.search);
  var config = { container: "#kiosk-chat", kiosk: true, serverUrl: window.location.origin };

  window.BorstkankerChatStart(config).then(function (chat) {
    var texts = chat.texts;
    var content = chat.content;
    var idleSeconds = numberParam(params, "idle") || content.kiosk_idle_seconds || 120;
    var warningSeconds = Math.min(numberParam(params, "warning") || 15, idleSeconds);
    var speech = window.speechSynthesis || null;

    document.title = texts.title;
    byId("kiosk-title").textContent = texts.title;
    byId("kiosk-restart").textContent = texts.kiosk_back_to_start;
    byId("kiosk-emergency").textContent = content.emergency;
    byId("kiosk-disclaimer").textContent = content.disclaimer;
    byId("kiosk-start-heading").textContent = texts.kiosk_start_heading;
    byId("kiosk-start-hint").textContent = texts.kiosk_start_hint;
    byId("kiosk-privacy").textContent = texts.kiosk_privacy;
    byId("kiosk-idle-text").textContent = texts.kiosk_idle_warning;
    byId("kiosk-continue").textContent = texts.kiosk_continue;

    var start = byId("kiosk-start");
    var topics = byId("kiosk-topics");
    content.featured.forEach(function (topic) {
      var button = document.createElement("button");
      button.type = "button";
      button.className = "kiosk-topic";
      button.textContent = topic.title;
      button.addEventListener("click", function () {
        chat.send(topic.payload, topic.title);
      });
      topics.appendChild(button);
    });

    function showStart(visible) {
      start.hidden = !visible;
      document.body.classList.toggle("kiosk-in-conversation", !visible);
    }
    chat.on("sent", function () {
      showStart(false);
    });

    // QR code and read-aloud beside each answer.
    chat.on("botMessage", function (event) {
      var item = event.item;
      var message = event.message;
      var tools = document.createElement("div");
      tools.className = "kiosk-tools";
      if (speech) {
        var read = document.createElement("button");
        read.type = "button";
        read.className = "kiosk-read";
        read.textContent = texts.kiosk_read_aloud;
        read.addEventListener("click", function () {
          if (speech.speaking) {
            speech.cancel();
            read.textContent = texts.kiosk_read_aloud;
            return;
          }
          var utterance = new SpeechSynthesisUtterance(message.text);
          utterance.lang = "nl-NL";
          utterance.onend = function () {
            read.textContent = texts.kiosk_read_aloud;
          };
          read.textContent = texts.kiosk_stop_reading;
          speech.speak(utterance);
        });
        tools.appendChild(read);
      }
      var meta = message.metadata || {};
      if (meta.answer_id && content.source_url && window.qrcode) {
        var figure = document.createElement("figure");
        figure.className = "kiosk-qr";
        var qr = window.qrcode(0, "M");
        qr.addData(content.source_url);
        qr.make();
        var image = document.createElement("img");
        image.src = qr.createDataURL(5, 2);
        image.alt = texts.kiosk_qr_caption;
        image.setAttribute("data-url", content.source_url);
        var caption = document.createElement("figcaption");
        caption.textContent = texts.kiosk_qr_caption;
        figure.appendChild(image);
        figure.appendChild(caption);
        tools.appendChild(figure);
      }
      if (tools.childNodes.length) item.appendChild(tools);
    });

    // Inactivity: warn, then wipe everything and start again.
    var idle = byId("kiosk-idle");
    var warnTimer = null;
    var resetTimer = null;

    function pristine() {
      return chat.state.messages.length === 0 && !chat.input.value && idle.hidden;
    }

    function wipe() {
      if (speech) speech.cancel();
      idle.hidden = true;
      chat.newConversation(false);
      chat.statusLine.textContent = "";
      showStart(true);
      window.scrollTo(0, 0);
      document.body.setAttribute("data-kiosk-reset", String(Date.now()));
    }

    function schedule() {
      clearTimeout(warnTimer);
      clearTimeout(resetTimer);
      if (pristine()) return;
      warnTimer = setTimeout(function () {
        idle.hidden = false;
        byId("kiosk-continue").focus();
        resetTimer = setTimeout(wipe, warningSeconds * 1000);
      }, (idleSeconds - warningSeconds) * 1000);
    }

    function activity() {
      if (!idle.hidden) idle.hidden = true;
      schedule();
    }

    ["pointerdown", "keydown", "input", "touchstart"].forEach(function (name) {
      document.addEventListener(name, activity, { passive: true });
    });
    chat.on("sent", schedule);
    chat.on("received", schedule);
    byId("kiosk-continue").addEventListener("click", activity);
    byId("kiosk-restart").addEventListener("click", wipe);
    chat.newButton.hidden = true;
    showStart(true);
    document.body.setAttribute("data-kiosk-ready", "true");
  });
})();
