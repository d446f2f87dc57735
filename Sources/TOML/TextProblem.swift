/// Why a scalar token is not valid, and where in the token the problem starts.
struct TextProblem: Error {
  var message: String
  var offset: Int
}
