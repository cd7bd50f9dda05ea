package org.hrdd.reports; public final class Placeholder {}
