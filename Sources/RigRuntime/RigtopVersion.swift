/// rigtop's version, as `rigtop --version`, the APIs' `version` fields and the info metric say it.
public enum RigtopVersion {
    public static let string = "0.5.0"
}
