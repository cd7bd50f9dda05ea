package org.hrdd.run;

/** A data-quality gate stopped the run (exit code 3); the message names the source, reasons and an example row. */
public class QualityGateException extends RuntimeException {
    public QualityGateException(String message) {
        super(message);
    }
}
