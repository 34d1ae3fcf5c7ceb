; 调解工作台 — the Windows installer (Inno Setup 6), built by .github/workflows/windows.yml:
;   pyinstaller packaging\mediation-desk.spec             (makes dist\mediation-desk\)
;   iscc /DAppVersion=<app/__init__.py's __version__> packaging\installer.iss
; A per-user install: no administrator rights, into %LOCALAPPDATA%\Programs\调解工作台.
; The names below must match packaging/mediation-desk.spec (tests/packaging/test_installer.py).
; The data (database, documents, backups, logs) lives in %LOCALAPPDATA%\MediationDesk and
; 文档\调解工作台, outside {app}: the uninstaller removes only what it installed, so it stays.

#ifndef AppVersion
  #error 请用 /DAppVersion=… 传入版本号（app/__init__.py 的 __version__，唯一的版本号）
#endif
#ifndef ChineseIsl
  ; Inno Setup's Chinese (Simplified) messages; the workflow passes a copy when the compiler
  ; does not ship one.
  #define ChineseIsl "compiler:Languages\ChineseSimplified.isl"
#endif
#define AppName "调解工作台"
#define BundleDir "..\dist\mediation-desk"
#define GuiExe "调解工作台.exe"
#define CliExe "mediation-desk.exe"

[Setup]
AppId={{D895B60B-FF6A-46A7-BFD1-26D63F075289}
AppName={#AppName}
AppVersion={#AppVersion}
AppVerName={#AppName} {#AppVersion}
AppPublisher=调解工作台
VersionInfoVersion={#AppVersion}
VersionInfoProductName={#AppName}
PrivilegesRequired=lowest
DefaultDirName={autopf}\{#AppName}
DefaultGroupName={#AppName}
DisableProgramGroupPage=yes
UsedUserAreasWarning=no
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
OutputDir=..\dist\installer
OutputBaseFilename=mediation-desk-{#AppVersion}-setup
Compression=lzma2
SolidCompression=yes
WizardStyle=modern
UninstallDisplayName={#AppName} {#AppVersion}
UninstallDisplayIcon={app}\{#GuiExe}
CloseApplications=yes

[Languages]
Name: "chinesesimplified"; MessagesFile: "{#ChineseIsl}"

[Tasks]
Name: "desktopicon"; Description: "{cm:CreateDesktopIcon}"; GroupDescription: "{cm:AdditionalIcons}"

[Files]
Source: "{#BundleDir}\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs

[Icons]
Name: "{autoprograms}\{#AppName}"; Filename: "{app}\{#GuiExe}"; WorkingDir: "{app}"
Name: "{autoprograms}\卸载调解工作台"; Filename: "{uninstallexe}"
Name: "{autodesktop}\{#AppName}"; Filename: "{app}\{#GuiExe}"; WorkingDir: "{app}"; Tasks: desktopicon

[Run]
Filename: "{app}\{#GuiExe}"; Description: "{cm:LaunchProgram,{#AppName}}"; Flags: nowait postinstall skipifsilent
