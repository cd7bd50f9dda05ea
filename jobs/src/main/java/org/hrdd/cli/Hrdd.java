package org.hrdd.cli; public final class Hrdd { public static void main(String[] a){} }
