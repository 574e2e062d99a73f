import chatView from "../components/chat-view/chat-view.css?inline";
import composer from "../components/composer/composer.css?inline";
import conversationList from "../components/conversation-list/conversation-list.css?inline";
import daySeparator from "../components/day-separator/day-separator.css?inline";
import header from "../components/header/header.css?inline";
import intro from "../components/intro/intro.css?inline";
import messageItem from "../components/message-item/message-item.css?inline";
import panel from "../components/panel/panel.css?inline";
import statusBanner from "../components/status-banner/status-banner.css?inline";
import typingIndicator from "../components/typing-indicator/typing-indicator.css?inline";

/** Every component's styles, as the one stylesheet the panel adds to the shadow root. */
export const PANEL_CSS = [panel, header, statusBanner, chatView, intro, daySeparator, messageItem, typingIndicator, composer, conversationList].join("");
