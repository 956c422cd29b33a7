package dev.sextant.server.config;

/** How log lines are written: JSON (one object per line, for machines) or text (for people). */
public enum LogFormat {
    JSON, TEXT
}
