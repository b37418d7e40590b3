// Smoke check of the generated client against a running LeadRunner: sign in with a demo account, then call three
// real routes through openapi-fetch with the types generated from /openapi/v1.json, checking the answers' shapes.
// Usage: LEADRUNNER_URL=http://127.0.0.1:5000 LEADRUNNER_PASSWORD=… node dist/smoke.js   (exits non-zero on failure)
import createClient from "openapi-fetch";
import type { paths } from "./schema.js";

const baseUrl = process.env.LEADRUNNER_URL ?? "http://127.0.0.1:5000";
const userName = process.env.LEADRUNNER_USER ?? "province";
const password = process.env.LEADRUNNER_PASSWORD;

function check(condition: unknown, message: string): asserts condition {
  if (!condition) {
    throw new Error(message);
  }
}

async function main(): Promise<void> {
  check(password, "请设置环境变量 LEADRUNNER_PASSWORD（演示账号的密码）");
  const client = createClient<paths>({ baseUrl });

  // The token answer is ASP.NET's bearer-token response; read it as plain JSON so the script does not depend on how
  // the description names that schema.
  const login = await client.POST("/api/auth/login", { body: { email: null, userName, password } });
  const token = (login.data as unknown as { accessToken?: unknown } | undefined)?.accessToken;
  check(login.response.status === 200 && typeof token === "string" && token.length > 0,
    `登录失败：HTTP ${login.response.status} ${JSON.stringify(login.error)}`);
  client.use({
    onRequest({ request }) {
      request.headers.set("Authorization", `Bearer ${token}`);
      return request;
    },
  });

  const units = await client.GET("/api/regions/units");
  check(units.data, `/api/regions/units：HTTP ${units.response.status}`);
  check(units.data.length >= 11, `/api/regions/units：应至少有 11 个报送单位，实际 ${units.data.length}`);
  for (const unit of units.data) {
    check(typeof unit.code === "string" && typeof unit.name === "string", `/api/regions/units：形状不符 ${JSON.stringify(unit)}`);
  }

  const enterprises = await client.GET("/api/enterprises", { params: { query: {} } });
  check(enterprises.data, `/api/enterprises：HTTP ${enterprises.response.status} ${JSON.stringify(enterprises.error)}`);
  const enterpriseList: unknown[] = Array.isArray(enterprises.data) ? enterprises.data : [];
  check(enterpriseList.length > 0, `/api/enterprises：省级账号应能看到演示企业 ${JSON.stringify(enterprises.data).slice(0, 200)}`);
  for (const enterprise of enterpriseList) {
    const e = enterprise as { uscc?: unknown; name?: unknown };
    check(typeof e.uscc === "string" && e.uscc.length === 18 && typeof e.name === "string",
      `/api/enterprises：形状不符 ${JSON.stringify(enterprise)}`);
  }

  const me = await client.GET("/api/auth/manage/info");
  check(me.data, `/api/auth/manage/info：HTTP ${me.response.status}`);
  check(me.data.userName === userName, `/api/auth/manage/info：用户名应为 ${userName}，实际 ${me.data.userName}`);
  check(Array.isArray(me.data.roles) && me.data.roles.length > 0, "/api/auth/manage/info：应至少有一个角色");
  check(typeof me.data.displayName === "string", "/api/auth/manage/info：缺少 displayName");

  console.log(`通过：${units.data.length} 个报送单位，${enterpriseList.length} 家企业，当前用户 ${me.data.displayName}`);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
