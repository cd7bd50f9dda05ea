package org.hrdd.schemas; public final class Placeholder {}
