//! Desktop installation: `scripts/install.sh` in a temporary HOME installs the binary, the
//! menu entry, the icons and the file types, and `--uninstall` leaves nothing behind; the
//! desktop entry passes `desktop-file-validate`; the `.deb` metadata lists every asset.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::process::Command;

use anyhow::Context as _;

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// The icon sizes shipped as PNG in `assets/icons/`.
fn png_sizes() -> anyhow::Result<Vec<u32>> {
    let mut sizes = Vec::new();
    for entry in std::fs::read_dir(root().join("assets/icons"))? {
        let name = entry?.file_name().to_string_lossy().into_owned();
        if let Some(size) = name
            .strip_prefix("factcheck-")
            .and_then(|rest| rest.strip_suffix(".png"))
        {
            sizes.push(size.parse()?);
        }
    }
    sizes.sort_unstable();
    Ok(sizes)
}

#[test]
fn icons_come_in_every_size_from_16_to_512_plus_the_svg() -> anyhow::Result<()> {
    assert_eq!(png_sizes()?, [16, 24, 32, 48, 64, 128, 256, 512]);
    for size in png_sizes()? {
        let bytes = std::fs::read(root().join(format!("assets/icons/factcheck-{size}.png")))?;
        // The PNG header's width and height (IHDR, big-endian, at bytes 16..24).
        let width = u32::from_be_bytes(bytes[16..20].try_into()?);
        let height = u32::from_be_bytes(bytes[20..24].try_into()?);
        assert_eq!((width, height), (size, size), "factcheck-{size}.png");
    }
    let svg = std::fs::read_to_string(root().join("assets/icons/factcheck.svg"))?;
    assert!(svg.contains("<svg") && svg.contains("viewBox=\"0 0 256 256\""));
    Ok(())
}

#[test]
fn deb_metadata_installs_every_asset_and_each_listed_file_exists() -> anyhow::Result<()> {
    let manifest: toml::Table = std::fs::read_to_string(root().join("Cargo.toml"))?.parse()?;
    let deb = manifest
        .get("package")
        .and_then(|p| p.get("metadata"))
        .and_then(|m| m.get("deb"))
        .context("Cargo.toml has [package.metadata.deb]")?;
    let mut listed: Vec<(String, String)> = Vec::new();
    for asset in deb
        .get("assets")
        .and_then(toml::Value::as_array)
        .context("assets")?
    {
        let fields: Vec<&str> = asset
            .as_array()
            .context("an asset is [source, target, mode]")?
            .iter()
            .filter_map(toml::Value::as_str)
            .collect();
        let [source, target, mode] = fields[..] else {
            anyhow::bail!("an asset is [source, target, mode]: {asset:?}");
        };
        assert!(mode == "644" || mode == "755", "{source}: mode {mode}");
        if source != "target/release/factcheck" {
            assert!(root().join(source).is_file(), "{source} does not exist");
        }
        listed.push((source.to_owned(), target.to_owned()));
    }
    let target_of = |source: &str| {
        listed
            .iter()
            .find(|(s, _)| s == source)
            .map(|(_, t)| t.as_str())
    };
    assert_eq!(target_of("target/release/factcheck"), Some("usr/bin/"));
    assert_eq!(
        target_of("assets/factcheck.desktop"),
        Some("usr/share/applications/factcheck.desktop")
    );
    assert_eq!(
        target_of("assets/factcheck-mime.xml"),
        Some("usr/share/mime/packages/factcheck.xml")
    );
    assert_eq!(
        target_of("assets/icons/factcheck.svg"),
        Some("usr/share/icons/hicolor/scalable/apps/factcheck.svg")
    );
    // Every file in assets/icons is listed, each PNG in its size's folder.
    for entry in std::fs::read_dir(root().join("assets/icons"))? {
        let name = entry?.file_name().to_string_lossy().into_owned();
        let source = format!("assets/icons/{name}");
        let target = target_of(&source).with_context(|| format!("{source} is not listed"))?;
        if let Some(size) = name
            .strip_prefix("factcheck-")
            .and_then(|r| r.strip_suffix(".png"))
        {
            assert_eq!(
                target,
                format!("usr/share/icons/hicolor/{size}x{size}/apps/factcheck.png")
            );
        }
    }
    // Every desktop and MIME file in assets/ is listed.
    for entry in std::fs::read_dir(root().join("assets"))? {
        let name = entry?.file_name().to_string_lossy().into_owned();
        if name.ends_with(".desktop") || name.ends_with(".xml") {
            let source = format!("assets/{name}");
            assert!(target_of(&source).is_some(), "{source} is not listed");
        }
    }
    Ok(())
}

/// `desktop-file-validate` on `entry`: `Ok(false)` (with the reason printed) when the tool is
/// missing outside CI; under CI (`CI=true`, as `.ci/run` sets it) a missing tool fails.
fn validate_desktop_entry(entry: &Path) -> anyhow::Result<bool> {
    match Command::new("desktop-file-validate").arg(entry).output() {
        Ok(output) => {
            let said = format!(
                "{}{}",
                String::from_utf8_lossy(&output.stdout),
                String::from_utf8_lossy(&output.stderr)
            );
            assert!(
                output.status.success() && said.trim().is_empty(),
                "{}: {said}",
                entry.display()
            );
            Ok(true)
        }
        Err(err) if err.kind() == std::io::ErrorKind::NotFound => {
            anyhow::ensure!(
                std::env::var("CI").as_deref() != Ok("true"),
                "desktop-file-validate is missing under CI (scripts/test.sh installs desktop-file-utils)"
            );
            eprintln!(
                "desktop-file-validate is not installed (Debian: desktop-file-utils); the entry was not validated"
            );
            Ok(false)
        }
        Err(err) => Err(err.into()),
    }
}

#[test]
fn the_desktop_entry_in_assets_is_valid() -> anyhow::Result<()> {
    validate_desktop_entry(&root().join("assets/factcheck.desktop"))?;
    Ok(())
}

/// The content type the desktop (GIO) gives `file` with `data_home` as the user's data
/// folder; `None` (with the reason printed) when `gio` is missing outside CI; under CI
/// (`CI=true`) a missing `gio` fails.
fn content_type(data_home: &Path, file: &Path) -> anyhow::Result<Option<String>> {
    let output = Command::new("gio")
        .args(["info", "-a", "standard::content-type"])
        .arg(file)
        .env("XDG_DATA_HOME", data_home)
        .env("XDG_DATA_DIRS", "/usr/local/share:/usr/share")
        .output();
    match output {
        Ok(output) => {
            let stdout = String::from_utf8_lossy(&output.stdout);
            let found = stdout
                .lines()
                .find_map(|line| line.trim().strip_prefix("standard::content-type: "))
                .map(str::to_owned);
            anyhow::ensure!(found.is_some(), "gio info said: {stdout}");
            Ok(found)
        }
        Err(err) if err.kind() == std::io::ErrorKind::NotFound => {
            anyhow::ensure!(
                std::env::var("CI").as_deref() != Ok("true"),
                "gio is missing under CI (scripts/test.sh installs libglib2.0-bin)"
            );
            eprintln!("gio is not installed (Debian: libglib2.0-bin); file types were not checked");
            Ok(None)
        }
        Err(err) => Err(err.into()),
    }
}

/// Every file and folder under `dir`, relative to it.
fn listing(dir: &Path) -> anyhow::Result<BTreeSet<PathBuf>> {
    let mut out = BTreeSet::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(at) = stack.pop() {
        for entry in std::fs::read_dir(&at)? {
            let path = entry?.path();
            out.insert(path.strip_prefix(dir)?.to_path_buf());
            if path.is_dir() && !path.is_symlink() {
                stack.push(path);
            }
        }
    }
    Ok(out)
}

/// Run `scripts/install.sh ARGS` with `home` as HOME (and `xdg_data_home`, if any), the
/// built binary instead of a release build. Returns its standard output.
fn install_sh(home: &Path, xdg_data_home: Option<&Path>, args: &[&str]) -> anyhow::Result<String> {
    let mut command = Command::new("bash");
    command
        .arg(root().join("scripts/install.sh"))
        .args(args)
        .env("HOME", home)
        .env("FACTCHECK_BIN", env!("CARGO_BIN_EXE_factcheck"))
        .env_remove("XDG_DATA_HOME");
    if let Some(data) = xdg_data_home {
        command.env("XDG_DATA_HOME", data);
    }
    let output = command.output()?;
    let stdout = String::from_utf8_lossy(&output.stdout).into_owned();
    anyhow::ensure!(
        output.status.success(),
        "install.sh {args:?} failed:\n{stdout}\n{}",
        String::from_utf8_lossy(&output.stderr)
    );
    Ok(stdout)
}

#[cfg(target_os = "linux")]
#[test]
fn install_puts_everything_in_place_and_uninstall_leaves_nothing_behind() -> anyhow::Result<()> {
    let home = tempfile::tempdir()?;
    // A user's own files are left alone.
    std::fs::create_dir_all(home.path().join("Documents"))?;
    std::fs::write(home.path().join("Documents/notes.txt"), "mine")?;
    let before = listing(home.path())?;

    let said = install_sh(home.path(), None, &[])?;
    assert!(said.contains("Installed Factcheck Workbench"), "{said}");
    let share = home.path().join(".local/share");
    let binary = home.path().join(".local/bin/factcheck");
    let entry = share.join("applications/factcheck.desktop");
    let mut expected = vec![
        binary.clone(),
        entry.clone(),
        share.join("mime/packages/factcheck.xml"),
        share.join("icons/hicolor/scalable/apps/factcheck.svg"),
        share.join("factcheck/install-manifest.txt"),
    ];
    for size in png_sizes()? {
        expected.push(share.join(format!("icons/hicolor/{size}x{size}/apps/factcheck.png")));
    }
    for path in &expected {
        assert!(path.is_file(), "{} was not installed", path.display());
    }
    // The installed binary runs, and the menu entry starts it by its full path.
    let version = Command::new(&binary).arg("--version").output()?;
    assert!(version.status.success());
    assert!(String::from_utf8_lossy(&version.stdout).starts_with("factcheck "));
    let installed_entry = std::fs::read_to_string(&entry)?;
    assert!(
        installed_entry.contains(&format!("\nExec=\"{}\" %f\n", binary.display())),
        "{installed_entry}"
    );
    validate_desktop_entry(&entry)?;
    // Where shared-mime-info is installed, the database now knows our types.
    if let Ok(globs) = std::fs::read_to_string(share.join("mime/globs2")) {
        assert!(
            globs.contains("application/x-factcheck-project:*.ron"),
            "{globs}"
        );
        assert!(
            globs.contains("application/x-factcheck-package:*.fcpack"),
            "{globs}"
        );
    }
    // A project is recognised as one, and any other RON file is not.
    let generic = home.path().join("settings.ron");
    std::fs::write(
        &generic,
        "(\n    name: \"not a project\",\n    size: 3,\n)\n",
    )?;
    let project = root().join("projects/cyber-security-unit.ron");
    if let (Some(project_type), Some(generic_type)) = (
        content_type(&share, &project)?,
        content_type(&share, &generic)?,
    ) {
        assert_eq!(project_type, "application/x-factcheck-project");
        assert_eq!(generic_type, "text/x-ron");
    }
    std::fs::remove_file(&generic)?;
    // The menu knows the workbench opens projects and packages (a double-click opens them).
    match std::fs::read_to_string(share.join("applications/mimeinfo.cache")) {
        Ok(cache) => {
            for kind in [
                "application/x-factcheck-project",
                "application/x-factcheck-package",
            ] {
                assert!(
                    cache.contains(&format!("{kind}=factcheck.desktop;")),
                    "{cache}"
                );
            }
        }
        Err(_) => anyhow::ensure!(
            std::env::var("CI").as_deref() != Ok("true"),
            "update-desktop-database did not run under CI (desktop-file-utils)"
        ),
    }
    // The manifest lists exactly what was added, nothing of the user's.
    let manifest = std::fs::read_to_string(share.join("factcheck/install-manifest.txt"))?;
    let added: BTreeSet<PathBuf> = listing(home.path())?.difference(&before).cloned().collect();
    let in_manifest: BTreeSet<PathBuf> = manifest
        .lines()
        .filter_map(|line| line.split_once(' '))
        .filter_map(|(_, path)| Path::new(path).strip_prefix(home.path()).ok())
        .map(Path::to_path_buf)
        .collect();
    assert_eq!(added, in_manifest, "{manifest}");

    // Installing again replaces the first install; one uninstall then removes it all.
    install_sh(home.path(), None, &[])?;
    let said = install_sh(home.path(), None, &["--uninstall"])?;
    assert!(said.contains("Uninstalled"), "{said}");
    assert_eq!(listing(home.path())?, before, "uninstall left files behind");
    assert_eq!(
        std::fs::read_to_string(home.path().join("Documents/notes.txt"))?,
        "mine"
    );
    // Uninstalling again is harmless.
    let said = install_sh(home.path(), None, &["--uninstall"])?;
    assert!(said.contains("Nothing to uninstall"), "{said}");
    Ok(())
}

#[cfg(target_os = "linux")]
#[test]
fn xdg_data_home_is_respected_and_other_apps_entries_survive_uninstall() -> anyhow::Result<()> {
    let home = tempfile::tempdir()?;
    let data = home.path().join("xdg data");
    // Another application already installed for this user.
    let other_entry = data.join("applications/other.desktop");
    let other_mime = data.join("mime/packages/other.xml");
    std::fs::create_dir_all(other_entry.parent().context("parent")?)?;
    std::fs::create_dir_all(other_mime.parent().context("parent")?)?;
    std::fs::write(
        &other_entry,
        "[Desktop Entry]\nType=Application\nName=Other\nExec=other %f\nMimeType=text/x-other;\n",
    )?;
    std::fs::write(
        &other_mime,
        "<?xml version=\"1.0\"?>\n<mime-info xmlns=\"http://www.freedesktop.org/standards/shared-mime-info\"><mime-type type=\"text/x-other\"><comment>Other</comment><glob pattern=\"*.other\"/></mime-type></mime-info>\n",
    )?;
    let before = listing(home.path())?;

    install_sh(home.path(), Some(&data), &[])?;
    assert!(data.join("applications/factcheck.desktop").is_file());
    assert!(data.join("mime/packages/factcheck.xml").is_file());
    assert!(
        !home.path().join(".local/share").exists(),
        "nothing under ~/.local/share when XDG_DATA_HOME is set"
    );
    install_sh(home.path(), Some(&data), &["--uninstall"])?;
    let after = listing(home.path())?;
    let added: Vec<_> = after.difference(&before).collect();
    let removed: Vec<_> = before.difference(&after).collect();
    assert!(removed.is_empty(), "removed: {removed:?}");
    // What remains new are the caches rebuilt for the other application, none of ours.
    for path in &added {
        let name = path.to_string_lossy();
        assert!(
            !name.contains("factcheck"),
            "{name} was left behind: {added:?}"
        );
        assert!(
            name.contains("/mime/") || name.ends_with("mimeinfo.cache"),
            "{name} is not a cache: {added:?}"
        );
    }
    if let Ok(globs) = std::fs::read_to_string(data.join("mime/globs2")) {
        assert!(globs.contains("text/x-other:*.other"), "{globs}");
        assert!(!globs.contains("factcheck"), "{globs}");
    }
    Ok(())
}

#[cfg(target_os = "linux")]
#[test]
fn a_prefix_installs_into_its_bin_and_share_folders() -> anyhow::Result<()> {
    let home = tempfile::tempdir()?;
    let prefix = home.path().join("opt/factcheck");
    let prefix_arg = prefix.to_string_lossy().into_owned();
    install_sh(home.path(), None, &["--prefix", &prefix_arg])?;
    assert!(prefix.join("bin/factcheck").is_file());
    assert!(
        prefix
            .join("share/applications/factcheck.desktop")
            .is_file()
    );
    assert!(
        prefix
            .join("share/icons/hicolor/48x48/apps/factcheck.png")
            .is_file()
    );
    assert!(!home.path().join(".local").exists());
    install_sh(home.path(), None, &["--uninstall", "--prefix", &prefix_arg])?;
    assert!(
        listing(home.path())?.is_empty(),
        "{:?}",
        listing(home.path())?
    );
    Ok(())
}

#[cfg(target_os = "linux")]
#[test]
fn the_menu_entry_starts_the_program_on_the_file_whatever_the_folder_is_called()
-> anyhow::Result<()> {
    use std::os::unix::fs::PermissionsExt as _;
    let home = tempfile::tempdir()?;
    // A program that writes down how it was started, in place of the workbench.
    let record = home.path().join("started.txt");
    let fake = home.path().join("fake-factcheck");
    std::fs::write(
        &fake,
        format!(
            "#!/bin/sh\nprintf '%s\\n' \"$0\" \"$@\" > '{}'\n",
            record.display()
        ),
    )?;
    std::fs::set_permissions(&fake, std::fs::Permissions::from_mode(0o755))?;
    // Spaces, quotes, a dollar sign and a backslash: all need escaping in a desktop entry.
    let prefix = home.path().join(r#"my apps "new" $HOME back\slash"#);
    let prefix_arg = prefix.to_string_lossy().into_owned();
    let fake_arg = fake.to_string_lossy().into_owned();
    install_sh(
        home.path(),
        None,
        &["--prefix", &prefix_arg, "--bin", &fake_arg],
    )?;
    let entry = prefix.join("share/applications/factcheck.desktop");
    validate_desktop_entry(&entry)?;
    let project = home.path().join("my check.ron");
    std::fs::write(&project, "(format_version: 1)")?;
    match Command::new("gio")
        .arg("launch")
        .arg(&entry)
        .arg(&project)
        .output()
    {
        Ok(output) => {
            assert!(
                output.status.success(),
                "{}",
                String::from_utf8_lossy(&output.stderr)
            );
            // gio starts the program detached: wait (up to a generous bound) for its record.
            let mut started = String::new();
            for _ in 0..200 {
                started = std::fs::read_to_string(&record).unwrap_or_default();
                if started.lines().count() >= 2 {
                    break;
                }
                std::thread::sleep(std::time::Duration::from_millis(50));
            }
            let installed = prefix.join("bin/factcheck");
            assert_eq!(
                started,
                format!("{}\n{}\n", installed.display(), project.display())
            );
        }
        Err(err) if err.kind() == std::io::ErrorKind::NotFound => {
            anyhow::ensure!(
                std::env::var("CI").as_deref() != Ok("true"),
                "gio is missing under CI (scripts/test.sh installs libglib2.0-bin)"
            );
            eprintln!("gio is not installed (Debian: libglib2.0-bin); the entry was not launched");
        }
        Err(err) => return Err(err.into()),
    }
    install_sh(home.path(), None, &["--uninstall", "--prefix", &prefix_arg])?;
    assert!(!prefix.exists(), "{:?}", listing(home.path())?);
    Ok(())
}
