package dev.gatehouse.server.audit;

/** An audit record as stored: its place in the chain and the hashes that link it. */
public record ChainedRecord(long seq, AuditRecord record, String previousHash, String hash) {}
