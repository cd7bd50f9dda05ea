package org.hrdd.reports.publish;

/** A report cannot be produced from what the lakehouse holds (unknown brand, period not analysed or scored, …). */
public class ReportException extends RuntimeException {
    public ReportException(String message) {
        super(message);
    }

    public ReportException(String message, Throwable cause) {
        super(message, cause);
    }
}
