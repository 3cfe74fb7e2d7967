/// Virtual time in milliseconds. Only the simulator decides what time it is; a node is told.
public typealias Millis = Int64
