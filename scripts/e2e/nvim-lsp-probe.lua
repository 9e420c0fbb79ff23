-- Drives Neovim's built-in LSP client (works on 0.7+) against a language server and prints one JSON line.
--   HIE_NVIM_JOB='<json>' nvim --headless -u NONE -i NONE -n -c 'luafile scripts/e2e/nvim-lsp-probe.lua'
-- Job: { "cmd": ["node", "server.js", "--stdio"], "rootDir": "/ws", "timeoutMs": 15000,
--        "files": [ { "path": "/ws/a.hie", "waitForDiagnostics": true },
--                   { "path": "/ws/b.hie", "hover": { "line": 3, "character": 18 } } ] }
-- Output: { ok, nvim, error?, files: [ { path, uri, diagnostics (raw publishDiagnostics items), hover (raw result) } ] }
-- Exit code 0 when every awaited diagnostic list and hover arrived, 1 otherwise.
local uv = vim.loop
local decode = (vim.json and vim.json.decode) or vim.fn.json_decode
local encode = (vim.json and vim.json.encode) or vim.fn.json_encode
local active_clients = vim.lsp.get_clients or vim.lsp.get_active_clients -- renamed in 0.10

local result = { ok = false, files = {} }
result.nvim = string.format('%d.%d.%d', vim.version().major, vim.version().minor, vim.version().patch)

local function finish(ok)
  result.ok = ok
  io.stdout:write(encode(result) .. '\n')
  for _, c in pairs(active_clients()) do c.stop(true) end
  vim.wait(1000, function() return #active_clients() == 0 end, 20)
  vim.cmd(ok and 'qall!' or 'cquit! 1')
end

local ok_job, job = pcall(decode, os.getenv('HIE_NVIM_JOB') or '')
if not ok_job or type(job) ~= 'table' or type(job.cmd) ~= 'table' or type(job.files) ~= 'table' then
  result.error = 'HIE_NVIM_JOB must be a JSON object with "cmd" and "files"'
  return finish(false)
end
local timeout = tonumber(job.timeoutMs) or 15000

-- latest raw publishDiagnostics list per URI (captured before the default handler converts it)
local published = {}
local default_handler = vim.lsp.handlers['textDocument/publishDiagnostics']
vim.lsp.handlers['textDocument/publishDiagnostics'] = function(err, params, ctx, config)
  if params and params.uri then published[params.uri] = params.diagnostics or {} end
  return default_handler(err, params, ctx, config)
end

local client_id = vim.lsp.start_client({
  name = 'hielements',
  cmd = job.cmd,
  root_dir = job.rootDir,
  workspace_folders = job.rootDir and { { uri = vim.uri_from_fname(job.rootDir), name = 'root' } } or nil,
  on_exit = function(code, signal) result.server_exit = { code = code, signal = signal } end,
})
if not client_id then
  result.error = 'vim.lsp.start_client failed for ' .. table.concat(job.cmd, ' ')
  return finish(false)
end

local buffers = {}
for i, f in ipairs(job.files) do
  local path = vim.fn.fnamemodify(f.path, ':p')
  local bufnr = vim.fn.bufadd(path)
  vim.fn.bufload(bufnr)
  vim.bo[bufnr].filetype = path:match('%.hie$') and 'hielements' or 'toml'
  vim.lsp.buf_attach_client(bufnr, client_id)
  buffers[i] = bufnr
  result.files[i] = { path = path, uri = vim.uri_from_bufnr(bufnr) }
end

local function diagnostics_ready()
  if result.server_exit then return true end
  for i, f in ipairs(job.files) do
    if f.waitForDiagnostics then
      local d = published[result.files[i].uri]
      if d == nil or #d == 0 then return false end
    end
  end
  return true
end

local t0 = uv.hrtime()
if not vim.wait(timeout, diagnostics_ready, 10) then
  result.error = 'timeout waiting for diagnostics'
  for i in ipairs(job.files) do result.files[i].diagnostics = published[result.files[i].uri] end
  return finish(false)
end
if result.server_exit then
  result.error = string.format('the language server exited (code %s, signal %s) before publishing the awaited diagnostics',
    tostring(result.server_exit.code), tostring(result.server_exit.signal))
  for i in ipairs(job.files) do result.files[i].diagnostics = published[result.files[i].uri] end
  return finish(false)
end

local all_ok = true
for i, f in ipairs(job.files) do
  local entry = result.files[i]
  entry.diagnostics = published[entry.uri] or {}
  if f.hover then
    local remaining = math.max(1000, timeout - math.floor((uv.hrtime() - t0) / 1e6))
    local resp, err = vim.lsp.buf_request_sync(buffers[i], 'textDocument/hover',
      { textDocument = { uri = entry.uri }, position = { line = f.hover.line, character = f.hover.character } }, remaining)
    local r = resp and resp[client_id]
    if r and r.error then entry.hover_error = r.error end
    entry.hover = r and r.result or vim.NIL
    if err then entry.hover_error = err end
    if r == nil or r.result == nil then all_ok = false end
  end
end
finish(all_ok)
