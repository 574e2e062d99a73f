import { render } from "preact";
import { App } from "./app";
import { restoreSession } from "./state/session";
import "./styles/base.css";
import "./styles/forms.css";
import "./styles/list-row.css";

render(<App />, document.getElementById("app")!);
void restoreSession();
