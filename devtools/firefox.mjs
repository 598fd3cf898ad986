// Firefox ESR from Debian, driven over WebDriver BiDi by puppeteer-core (no geckodriver, no
// browser download). Tests and scripts launch it only through here.
import puppeteer from "puppeteer-core";

export const FIREFOX = process.env.FIREFOX ?? "/usr/bin/firefox-esr";

export function launchFirefox(options = {}) {
  return puppeteer.launch({ browser: "firefox", executablePath: FIREFOX, headless: true, ...options });
}
