/*
 * Chat widget of the Dutch breast-cancer information assistant.
 *
 * Embed with one script tag (socket.io-client is loaded by the widget itself):
 *
 *   <script src="https://assistent.example.nl/chat/static/widget.js"
 *           data-config='{"serverUrl": "https://assistent.example.nl", "title": "...",
 *                         "colors": {"primary": "#00457c"}, "language": "nl"}'></script>
 *
 * or set window.BorstkankerChatConfig = {...} before the tag. Options:
 *   serverUrl   the Rasa server (default: where widget.js was loaded from)
 *   title       header text (default: from the server's content.json)
 *   colors      {primary, primaryText, background, text}
 *   language    "nl" (the interface texts come from the server)
 *   container   CSS selector of an element to render into (default: a
 *               floating panel with an open/close button)
 *   open        start with the panel open (floating mode)
 *   kiosk       used by kiosk.js: no storage at all, idle reset, big buttons
 *
 * Rules it keeps: every text from the server or the user is shown as text
 * (textContent, never innerHTML); only http(s) links become links. The
 * conversation is kept in sessionStorage only (gone when the tab closes).
 */
(function () {
  "use strict";

  var STORAGE_KEY = "borstkanker-chat";
  var currentScript = document.currentScript;

  function scriptBase() {
    if (currentScript && currentScript.src) {
      return currentScript.src.replace(/\/chat\/static\/widget\.js(\?.*)?$/, "");
    }
    return window.location.origin;
  }

  function readConfig() {
    var config = {};
    if (window.BorstkankerChatConfig && typeof window.BorstkankerChatConfig === "object") {
      config = window.BorstkankerChatConfig;
    }
    if (currentScript && currentScript.getAttribute("data-config")) {
      try {
        var fromTag = JSON.parse(currentScript.getAttribute("data-config"));
        for (var key in fromTag) {
          if (Object.prototype.hasOwnProperty.call(fromTag, key)) config[key] = fromTag[key];
        }
      } catch (error) {
        console.error("borstkanker-chat: data-config is not valid JSON", error);
      }
    }
    return config;
  }

  function newSessionId() {
    if (window.crypto && window.crypto.randomUUID) return window.crypto.randomUUID().replace(/-/g, "");
    var bytes = new Uint8Array(16);
    window.crypto.getRandomValues(bytes);
    return Array.prototype.map
      .call(bytes, function (b) {
        return ("0" + b.toString(16)).slice(-2);
      })
      .join("");
  }

  function loadScript(src) {
    return new Promise(function (resolve, reject) {
      var tag = document.createElement("script");
      tag.src = src;
      tag.onload = resolve;
      tag.onerror = function () {
        reject(new Error("could not load " + src));
      };
      document.head.appendChild(tag);
    });
  }

  function loadStyle(href) {
    if (document.querySelector('link[data-bk-chat="' + href + '"]')) return;
    var link = document.createElement("link");
    link.rel = "stylesheet";
    link.href = href;
    link.setAttribute("data-bk-chat", href);
    document.head.appendChild(link);
  }

  function el(tag, className, text) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined && text !== null) node.textContent = String(text);
    return node;
  }

  // Text with http(s) links made clickable; everything else stays text.
  var URL_PATTERN = /\bhttps?:\/\/[^\s<>"']+[^\s<>"'.,;:!?)]/g;
  function appendTextWithLinks(parent, text, texts) {
    var last = 0;
    var match;
    URL_PATTERN.lastIndex = 0;
    while ((match = URL_PATTERN.exec(text)) !== null) {
      parent.appendChild(document.createTextNode(text.slice(last, match.index)));
      var link = el("a", "bk-link", match[0]);
      link.href = match[0];
      link.target = "_blank";
      link.rel = "noopener noreferrer";
      link.appendChild(el("span", "bk-visually-hidden", " " + texts.link_opens_new_window));
      parent.appendChild(link);
      last = match.index + match[0].length;
    }
    parent.appendChild(document.createTextNode(text.slice(last)));
  }

  function Chat(config, content) {
    this.config = config;
    this.content = content;
    this.texts = content.texts;
    this.kiosk = !!config.kiosk;
    this.socket = null;
    this.connected = false;
    this.confirmed = false;
    this.pending = [];
    this.listeners = {};
    this.state = this.restore();
  }

  Chat.prototype.on = function (name, callback) {
    (this.listeners[name] = this.listeners[name] || []).push(callback);
  };

  Chat.prototype.fire = function (name, data) {
    (this.listeners[name] || []).forEach(function (callback) {
      callback(data);
    });
  };

  // --- state (sessionStorage only; the kiosk keeps nothing) -----------------

  Chat.prototype.restore = function () {
    if (!this.kiosk) {
      try {
        var saved = JSON.parse(window.sessionStorage.getItem(STORAGE_KEY) || "null");
        if (saved && typeof saved.sessionId === "string" && Array.isArray(saved.messages)) {
          saved.fresh = false;
          saved.pending = Array.isArray(saved.pending) ? saved.pending : [];
          return saved;
        }
      } catch (error) {
        /* storage unavailable or corrupt: start fresh */
      }
    }
    return { sessionId: newSessionId(), messages: [], pending: [], fresh: true };
  };

  Chat.prototype.save = function () {
    if (this.kiosk) return;
    try {
      window.sessionStorage.setItem(
        STORAGE_KEY,
        JSON.stringify({ sessionId: this.state.sessionId, messages: this.state.messages, pending: this.pending })
      );
    } catch (error) {
      /* quota or privacy mode: the chat still works, it is just not kept */
    }
  };

  // --- DOM --------------------------------------------------------------------

  Chat.prototype.render = function (root) {
    var texts = this.texts;
    var self = this;
    var colors = this.config.colors || {};
    root.classList.add("bk-chat");
    if (this.kiosk) root.classList.add("bk-kiosk-chat");
    if (colors.primary) root.style.setProperty("--bk-primary", colors.primary);
    if (colors.primaryText) root.style.setProperty("--bk-primary-text", colors.primaryText);
    if (colors.background) root.style.setProperty("--bk-background", colors.background);
    if (colors.text) root.style.setProperty("--bk-text", colors.text);
    root.setAttribute("lang", this.config.language || "nl");

    var header = el("div", "bk-header");
    var heading = el("h2", "bk-title", this.config.title || texts.title);
    heading.id = "bk-title";
    header.appendChild(heading);
    this.newButton = el("button", "bk-new", texts.new_conversation);
    this.newButton.type = "button";
    this.newButton.addEventListener("click", function () {
      self.newConversation();
    });
    header.appendChild(this.newButton);
    root.appendChild(header);

    this.statusLine = el("p", "bk-status", texts.status_connecting);
    this.statusLine.setAttribute("role", "status");
    root.appendChild(this.statusLine);

    this.log = el("div", "bk-log");
    this.log.setAttribute("role", "log");
    this.log.setAttribute("aria-live", "polite");
    this.log.setAttribute("aria-relevant", "additions");
    this.log.setAttribute("aria-label", texts.transcript_label);
    this.log.tabIndex = 0;
    root.appendChild(this.log);

    var form = el("form", "bk-form");
    form.setAttribute("novalidate", "");
    var label = el("label", "bk-label", texts.input_label);
    label.setAttribute("for", "bk-input");
    this.input = el("textarea", "bk-input");
    this.input.id = "bk-input";
    this.input.rows = 2;
    this.input.maxLength = 20000;
    this.input.setAttribute("enterkeyhint", "send");
    this.input.placeholder = texts.input_placeholder;
    this.input.setAttribute("autocomplete", "off");
    this.input.addEventListener("keydown", function (event) {
      if (event.key === "Enter" && !event.shiftKey && !event.isComposing) {
        event.preventDefault();
        self.submit();
      }
    });
    var send = el("button", "bk-send", texts.send);
    send.type = "submit";
    form.appendChild(label);
    var row = el("div", "bk-form-row");
    row.appendChild(this.input);
    row.appendChild(send);
    form.appendChild(row);
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      self.submit();
    });
    root.appendChild(form);

    var notice = el("p", "bk-notice");
    notice.appendChild(el("span", "bk-emergency", this.content.emergency));
    root.appendChild(notice);

    this.state.messages.forEach(function (message, index) {
      self.renderMessage(message, index);
    });
    if (this.pending.length === 0 && this.state.pending.length) this.pending = this.state.pending.slice();
  };

  Chat.prototype.renderMessage = function (message, index) {
    var texts = this.texts;
    var self = this;
    var item = el("div", "bk-message bk-" + message.from);
    item.setAttribute("data-index", String(index));
    if (message.kind) item.setAttribute("data-kind", message.kind);
    item.appendChild(el("span", "bk-visually-hidden", (message.from === "user" ? texts.you : texts.assistant) + ": "));
    var bubble = el("div", "bk-bubble");
    if (message.from === "bot") appendTextWithLinks(bubble, message.text || "", texts);
    else bubble.textContent = message.text || "";
    item.appendChild(bubble);

    var meta = message.metadata || {};
    if (message.from === "bot" && meta.source_section) {
      item.appendChild(el("p", "bk-source", texts.source + ": " + meta.source_section));
    }
    if (message.from === "bot" && message.buttons && message.buttons.length) {
      var group = el("div", "bk-options");
      group.setAttribute("role", "group");
      group.setAttribute("aria-label", texts.options_label);
      message.buttons.forEach(function (button) {
        var choice = el("button", "bk-option", button.title);
        choice.type = "button";
        choice.addEventListener("click", function () {
          self.send(button.payload, button.title);
        });
        group.appendChild(choice);
      });
      item.appendChild(group);
    }
    if (message.from === "bot" && meta.answer_id) {
      item.appendChild(this.renderFeedback(message));
    }
    if (message.from === "bot" && this.kiosk) this.fire("botMessage", { item: item, message: message });
    this.log.appendChild(item);
    // Show a new answer from its first line (a long answer would otherwise
    // open at its end); after the user's own message, go to the bottom.
    this.log.scrollTop = message.from === "bot" ? item.offsetTop - 4 : this.log.scrollHeight;
    return item;
  };

  Chat.prototype.renderFeedback = function (message) {
    var texts = this.texts;
    var self = this;
    var box = el("div", "bk-feedback");
    var question = el("span", "bk-feedback-question", texts.feedback_question);
    var questionId = "bk-fq-" + Math.random().toString(36).slice(2);
    question.id = questionId;
    box.appendChild(question);
    var result = el("span", "bk-feedback-result");
    result.setAttribute("role", "status");
    result.tabIndex = -1;
    function answered(text, moveFocus) {
      box.querySelectorAll("button").forEach(function (b) {
        b.remove();
      });
      result.textContent = text;
      // The pressed button is gone: keep keyboard users where they were.
      if (moveFocus) result.focus();
    }
    if (message.feedback !== undefined) {
      box.appendChild(result);
      answered(texts.feedback_thanks);
      return box;
    }
    [
      [true, texts.feedback_yes],
      [false, texts.feedback_no],
    ].forEach(function (pair) {
      var button = el("button", "bk-feedback-button", pair[1]);
      button.type = "button";
      button.setAttribute("aria-describedby", questionId);
      button.setAttribute("data-useful", String(pair[0]));
      button.addEventListener("click", function () {
        self.sendFeedback(message, pair[0], function (ok) {
          if (ok) answered(texts.feedback_thanks, true);
          else result.textContent = texts.feedback_failed; // the buttons stay: try again
        });
      });
      box.appendChild(button);
    });
    box.appendChild(result);
    return box;
  };

  Chat.prototype.setStatus = function (key) {
    this.statusLine.textContent = this.texts[key];
    this.statusLine.setAttribute("data-status", key);
  };

  // --- connection -------------------------------------------------------------

  Chat.prototype.connect = function () {
    var self = this;
    var socket = window.io(this.config.serverUrl, {
      path: "/socket.io",
      transports: ["websocket", "polling"],
      reconnection: true,
      reconnectionDelay: 500,
      reconnectionDelayMax: 3000,
    });
    this.socket = socket;
    socket.on("connect", function () {
      self.connected = true;
      socket.emit("session_request", { session_id: self.state.sessionId });
    });
    socket.on("session_confirm", function (sessionId) {
      if (sessionId !== self.state.sessionId) {
        self.state.sessionId = sessionId;
      }
      self.confirmed = true;
      self.setStatus("status_connected");
      if (self.state.fresh && !self.kiosk) {
        // A genuinely new conversation: start the session, then ask for the welcome.
        self.state.fresh = false;
        self.save();
        self.emitMessage("/session_start");
        self.emitMessage("/greet");
      }
      self.flush();
    });
    socket.on("disconnect", function () {
      self.connected = false;
      self.confirmed = false;
      self.setStatus("status_disconnected");
    });
    socket.io.on("reconnect_attempt", function () {
      self.setStatus("status_disconnected");
    });
    socket.on("connect_error", function () {
      self.setStatus("status_disconnected");
    });
    socket.on("bot_uttered", function (data) {
      self.receive(data);
    });
  };

  Chat.prototype.emitMessage = function (text) {
    this.socket.emit("user_uttered", { message: text, session_id: this.state.sessionId });
  };

  Chat.prototype.flush = function () {
    if (this.confirmed && this.pending.length && this.state.fresh) {
      // The kiosk starts a session only when someone asks something, so an
      // idle kiosk creates no conversations; its start screen is the welcome.
      this.state.fresh = false;
      this.emitMessage("/session_start");
    }
    while (this.confirmed && this.pending.length) {
      this.emitMessage(this.pending.shift());
      this.setStatus("status_waiting");
    }
    this.save();
  };

  Chat.prototype.receive = function (data) {
    if (!data || typeof data !== "object") return;
    var message = {
      from: "bot",
      text: typeof data.text === "string" ? data.text : "",
      buttons: Array.isArray(data.buttons) ? data.buttons : Array.isArray(data.quick_replies) ? data.quick_replies : [],
      metadata: data.metadata && typeof data.metadata === "object" ? data.metadata : {},
    };
    message.kind = message.metadata.kind || "";
    if (!message.text && !message.buttons.length) return;
    this.state.messages.push(message);
    this.save();
    this.renderMessage(message, this.state.messages.length - 1);
    if (this.confirmed) this.setStatus("status_connected");
    this.fire("received", message);
  };

  Chat.prototype.submit = function () {
    var text = this.input.value;
    if (!text.trim()) {
      this.input.focus();
      return;
    }
    this.send(text, text);
    this.input.value = "";
    this.input.focus();
  };

  // Show `shown` as the user's message and send `text` (a button sends its payload).
  Chat.prototype.send = function (text, shown) {
    var message = { from: "user", text: shown };
    this.state.messages.push(message);
    this.renderMessage(message, this.state.messages.length - 1);
    this.pending.push(text);
    if (this.confirmed) {
      this.flush();
    } else {
      this.setStatus("status_pending");
      this.save();
    }
    this.fire("sent", text);
  };

  Chat.prototype.sendFeedback = function (message, useful, done) {
    var self = this;
    if (!this.confirmed) {
      done(false);
      return;
    }
    this.socket
      .timeout(5000)
      .emit(
        "feedback",
        { session_id: this.state.sessionId, answer_id: message.metadata.answer_id, useful: useful },
        function (error, answer) {
          var ok = !error && answer && answer.ok === true;
          if (ok) {
            message.feedback = useful;
            self.save();
          }
          done(ok);
        }
      );
  };

  // A genuinely new conversation: new session id, transcript wiped, session started.
  Chat.prototype.newConversation = function (announce) {
    this.state = { sessionId: newSessionId(), messages: [], pending: [], fresh: true };
    this.pending = [];
    while (this.log.firstChild) this.log.removeChild(this.log.firstChild);
    if (!this.kiosk) {
      try {
        window.sessionStorage.removeItem(STORAGE_KEY);
      } catch (error) {
        /* ignore */
      }
    }
    this.save();
    this.input.value = "";
    if (announce !== false) this.statusLine.textContent = this.texts.new_conversation_done;
    if (this.socket && this.connected) {
      this.confirmed = false;
      this.socket.emit("session_request", { session_id: this.state.sessionId });
    }
    this.fire("reset");
  };

  // --- start-up -----------------------------------------------------------------

  function floatingRoot(config, texts) {
    var wrapper = el("div", "bk-floating");
    var toggle = el("button", "bk-launcher", texts.open_chat);
    toggle.type = "button";
    toggle.setAttribute("aria-expanded", config.open ? "true" : "false");
    toggle.setAttribute("aria-controls", "bk-panel");
    var panel = el("section", "bk-panel");
    panel.id = "bk-panel";
    panel.setAttribute("aria-labelledby", "bk-title");
    panel.hidden = !config.open;
    toggle.addEventListener("click", function () {
      var open = panel.hidden;
      panel.hidden = !open;
      toggle.setAttribute("aria-expanded", open ? "true" : "false");
      toggle.textContent = open ? texts.close_chat : texts.open_chat;
      if (open) panel.querySelector("textarea").focus();
    });
    if (config.open) toggle.textContent = texts.close_chat;
    wrapper.appendChild(toggle);
    wrapper.appendChild(panel);
    document.body.appendChild(wrapper);
    return panel;
  }

  function start(config) {
    config.serverUrl = (config.serverUrl || scriptBase()).replace(/\/$/, "");
    loadStyle(config.serverUrl + "/chat/static/widget.css");
    var ready = window.io ? Promise.resolve() : loadScript(config.serverUrl + "/chat/static/vendor/socket.io.min.js");
    return Promise.all([
      ready,
      fetch(config.serverUrl + "/chat/content.json").then(function (answer) {
        if (!answer.ok) throw new Error("content.json: HTTP " + answer.status);
        return answer.json();
      }),
    ]).then(function (results) {
      var content = results[1];
      var root;
      if (config.container) {
        root = document.querySelector(config.container);
        if (!root) throw new Error("container " + config.container + " not found");
        if (!/^(section|aside|main)$/i.test(root.tagName)) root.setAttribute("role", "region");
        root.setAttribute("aria-labelledby", "bk-title");
      } else {
        root = floatingRoot(config, content.texts);
      }
      var chat = new Chat(config, content);
      chat.render(root);
      chat.connect();
      window.BorstkankerChat = chat;
      return chat;
    });
  }

  window.BorstkankerChatStart = start;
  var config = readConfig();
  if (!config.manual) {
    var go = function () {
      start(config).catch(function (error) {
        console.error("borstkanker-chat:", error);
      });
    };
    if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", go);
    else go();
  }
})();
