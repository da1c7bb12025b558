// TEMPORARY STUB — replaced by the helper's implementation; do not commit.
import Logging

public struct LeaseSettings: Sendable {
  public var name: String
  public var namespace: String
  public var identity: String
  public var duration: Duration = .seconds(15)
  public var renewDeadline: Duration = .seconds(10)
  public var retryPeriod: Duration = .seconds(2)
  public init(name: String, namespace: String, identity: String) {
    self.name = name
    self.namespace = namespace
    self.identity = identity
  }
}
public final class LeaderElection: Sendable {
  public init(api: any KubernetesAPI, settings: LeaseSettings, logger: Logger) {}
  public func run(onChange: @escaping @Sendable (Bool) async -> Void) async {
    await SoleReplica().run(onChange: onChange)
  }
  public func release() async {}
}
extension LeaderElection: Leadership {}
