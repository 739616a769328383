package dev.gatehouse.shield;

/**
 * Something a detector found. Never carries the matched value: only where it is.
 *
 * @param detector the detector's name ({@code aws-access-key}, {@code email}, ...)
 * @param pointer a JSON Pointer to the argument or result field that holds it
 */
public record Finding(String detector, String pointer) {}
