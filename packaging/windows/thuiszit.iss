; The Windows installer of Thuiszit Desktop (Inno Setup 6.3 or newer), made from the PyInstaller one-folder
; bundle by .github/workflows/bundles.yml:
;   pyinstaller build.spec
;   iscc /DAppVersion=0.1.0 /DIconFile=build\build\icons\thuiszit.ico packaging\windows\thuiszit.iss
;     -> dist\thuiszit-desktop-0.1.0-setup.exe
;
; For a school's ICT: a silent install for all users of the laptop (needs administrator rights)
;   thuiszit-desktop-0.1.0-setup.exe /VERYSILENT /SUPPRESSMSGBOXES /NORESTART /ALLUSERS
; or for the current user only, without administrator rights: /CURRENTUSER instead of /ALLUSERS.
; Uninstalling removes the program only: each user's data folder (%LOCALAPPDATA%\Thuiszit Desktop, with the
; database, its .sleutels file and the backups) stays.
;
; tests/packaging/test_build.py checks that [Files] names what the bundle holds.

#ifndef AppVersion
  #define AppVersion "0.0.0"
#endif
#ifndef BundleDir
  #define BundleDir "..\..\dist\thuiszit-desktop"
#endif
#ifndef OutputDir
  #define OutputDir "..\..\dist"
#endif

[Setup]
; The AppId ties updates and the uninstaller to this program: never change it.
AppId={{6D17C7AC-B404-4204-A46F-ACF3AFA06E14}
AppName=Thuiszit Desktop
AppVersion={#AppVersion}
AppVerName=Thuiszit Desktop {#AppVersion}
AppPublisher=Thuiszit Desktop
VersionInfoVersion={#AppVersion}
DefaultDirName={autopf}\Thuiszit Desktop
DefaultGroupName=Thuiszit Desktop
DisableProgramGroupPage=yes
; All users by default (Program Files); a user without administrator rights may choose "only for me".
PrivilegesRequired=admin
PrivilegesRequiredOverridesAllowed=dialog commandline
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
MinVersion=10.0
OutputDir={#OutputDir}
OutputBaseFilename=thuiszit-desktop-{#AppVersion}-setup
#ifdef IconFile
SetupIconFile={#IconFile}
#endif
UninstallDisplayIcon={app}\thuiszit-desktop.exe
UninstallDisplayName=Thuiszit Desktop
Compression=lzma2
SolidCompression=yes
WizardStyle=modern
; An update closes a running Thuiszit Desktop first (it makes its backup on closing).
CloseApplications=yes
RestartApplications=no

[Languages]
Name: "dutch"; MessagesFile: "compiler:Languages\Dutch.isl"

[Tasks]
Name: "desktopicon"; Description: "{cm:CreateDesktopIcon}"; GroupDescription: "{cm:AdditionalIcons}"; Flags: unchecked

[InstallDelete]
; An update replaces the libraries entirely: none of an older version stays behind.
Type: filesandordirs; Name: "{app}\_internal"

[Files]
Source: "{#BundleDir}\thuiszit-desktop.exe"; DestDir: "{app}"; Flags: ignoreversion
Source: "{#BundleDir}\thuiszit-desktop-cli.exe"; DestDir: "{app}"; Flags: ignoreversion
Source: "{#BundleDir}\_internal\*"; DestDir: "{app}\_internal"; Flags: ignoreversion recursesubdirs createallsubdirs

[Icons]
Name: "{autoprograms}\Thuiszit Desktop"; Filename: "{app}\thuiszit-desktop.exe"; Comment: "Thuiszitters in beeld en terug naar school"
Name: "{autodesktop}\Thuiszit Desktop"; Filename: "{app}\thuiszit-desktop.exe"; Tasks: desktopicon

[Run]
Filename: "{app}\thuiszit-desktop.exe"; Description: "{cm:LaunchProgram,Thuiszit Desktop}"; Flags: nowait postinstall skipifsilent
