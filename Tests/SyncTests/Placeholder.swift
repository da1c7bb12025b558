import Testing

@Test func syncModuleLinks() {}
