-- Checks the README's Neovim snippet as written: nvim is started with the snippet as its init file
-- and a .hie file as argument; this probe (run with -c) waits for the diagnostics the server publishes for it,
-- opens a second file and asks for a hover there, then prints one JSON line and quits.
--   HIE_HOVER='{"path": "/ws/hover.hie", "line": 3, "character": 18}' \
--   nvim --headless -u readme-init.lua -i NONE -n -c 'luafile nvim-readme-probe.lua' /ws/syntax-error.hie
local encode = (vim.json and vim.json.encode) or vim.fn.json_encode
local decode = (vim.json and vim.json.decode) or vim.fn.json_decode
local active_clients = vim.lsp.get_clients or vim.lsp.get_active_clients
local v = vim.version()
local result = { nvim = string.format('%d.%d.%d', v.major, v.minor, v.patch), filetype = vim.bo.filetype }

local function finish(ok)
  result.ok = ok
  result.clients = {}
  for _, c in pairs(active_clients()) do table.insert(result.clients, { name = c.name, root_dir = c.config.root_dir }) end
  io.stdout:write(encode(result) .. '\n')
  for _, c in pairs(active_clients()) do c.stop(true) end
  vim.wait(1000, function() return #active_clients() == 0 end, 20)
  vim.cmd(ok and 'qall!' or 'cquit! 1')
end

local first = vim.api.nvim_get_current_buf()
if not vim.wait(20000, function() return #vim.diagnostic.get(first) > 0 end, 20) then
  result.error = 'no diagnostics for ' .. vim.api.nvim_buf_get_name(first)
  return finish(false)
end
result.diagnostics = {}
for _, d in ipairs(vim.diagnostic.get(first)) do
  local code = d.code or (d.user_data and d.user_data.lsp and d.user_data.lsp.code)
  table.insert(result.diagnostics, { lnum = d.lnum, col = d.col, end_lnum = d.end_lnum, end_col = d.end_col, severity = d.severity, message = d.message, code = code })
end

local hover = decode(os.getenv('HIE_HOVER') or 'null')
if hover then
  vim.cmd('edit ' .. vim.fn.fnameescape(hover.path))
  local buf = vim.api.nvim_get_current_buf()
  result.hover_filetype = vim.bo[buf].filetype
  if not vim.wait(10000, function() return next(vim.lsp.buf_get_clients(buf)) ~= nil end, 20) then
    result.error = 'no client attached to ' .. hover.path
    return finish(false)
  end
  local params = { textDocument = { uri = vim.uri_from_bufnr(buf) }, position = { line = hover.line, character = hover.character } }
  local responses = vim.lsp.buf_request_sync(buf, 'textDocument/hover', params, 10000) or {}
  for _, r in pairs(responses) do
    if r.result then result.hover = r.result end
    if r.error then result.hover_error = r.error end
  end
  if not result.hover then return finish(false) end
end
finish(true)
