; Inno Setup script for orgdesigner on Windows (per-machine install, .orgx association).
; On a Windows build machine, from the repository root:
;   py -3.11 -m venv .venv && .venv\Scripts\pip install -e . "pyinstaller>=6.10" pillow
;   .venv\Scripts\pyinstaller --noconfirm packaging\orgdesigner.spec
;   "C:\Program Files (x86)\Inno Setup 6\ISCC.exe" packaging\windows\orgdesigner.iss
; Pillow lets PyInstaller turn resources\icons\orgdesigner.png into the .exe icon.

#define AppName "orgdesigner"
#define AppVersion GetVersionNumbersString("..\..\dist\orgdesigner\orgdesigner.exe")

[Setup]
AppId={{6B8E2F4C-6D8A-4E54-9C1B-0F3A7A52C1D7}
AppName={#AppName}
AppVersion={#AppVersion}
AppPublisher=orgdesigner
DefaultDirName={autopf}\orgdesigner
DefaultGroupName=orgdesigner
OutputDir=..\..\dist
OutputBaseFilename=orgdesigner-{#AppVersion}-setup
Compression=lzma2
SolidCompression=yes
ChangesAssociations=yes
PrivilegesRequired=admin
ArchitecturesInstallIn64BitMode=x64compatible

[Files]
Source: "..\..\dist\orgdesigner\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs

[Icons]
Name: "{group}\orgdesigner"; Filename: "{app}\orgdesigner.exe"
Name: "{autodesktop}\orgdesigner"; Filename: "{app}\orgdesigner.exe"; Tasks: desktopicon

[Tasks]
Name: "desktopicon"; Description: "Create a desktop icon"; Flags: unchecked

[Registry]
Root: HKA; Subkey: "Software\Classes\.orgx"; ValueType: string; ValueName: ""; ValueData: "orgdesigner.Structure"; Flags: uninsdeletevalue
Root: HKA; Subkey: "Software\Classes\orgdesigner.Structure"; ValueType: string; ValueName: ""; ValueData: "orgdesigner structure"; Flags: uninsdeletekey
Root: HKA; Subkey: "Software\Classes\orgdesigner.Structure\DefaultIcon"; ValueType: string; ValueName: ""; ValueData: "{app}\orgdesigner.exe,0"
Root: HKA; Subkey: "Software\Classes\orgdesigner.Structure\shell\open\command"; ValueType: string; ValueName: ""; ValueData: """{app}\orgdesigner.exe"" ""%1"""

[Run]
Filename: "{app}\orgdesigner.exe"; Description: "Open orgdesigner"; Flags: nowait postinstall skipifsilent
