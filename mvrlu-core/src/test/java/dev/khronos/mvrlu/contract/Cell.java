package dev.khronos.mvrlu.contract;

import dev.khronos.mvrlu.RluObject;

/** A test object with two fields that every writer keeps equal, and a link. */
public final class Cell extends RluObject<Cell> {
    public final int id;
    public long a;
    public long b;
    public Cell next;

    public Cell(int id, long value) {
        this.id = id;
        this.a = value;
        this.b = value;
    }

    @Override
    protected void copyStateFrom(Cell src) {
        a = src.a;
        b = src.b;
        next = src.next;
    }
}
