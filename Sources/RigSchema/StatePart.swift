/// The parts of a ``RigStateDocument``: the engine, the thermal guard, power and money. Kept
/// outside the generic document so that a part reads the same whatever sensor type the
/// document carries.
public enum StatePart {}
