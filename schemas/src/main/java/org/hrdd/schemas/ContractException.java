package org.hrdd.schemas;

/** A contract file is missing, malformed or inconsistent; the message names the file and key. */
public class ContractException extends RuntimeException {
    public ContractException(String message) {
        super(message);
    }

    public ContractException(String message, Throwable cause) {
        super(message, cause);
    }
}
