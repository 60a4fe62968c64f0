"""The official OpenAI Python client against `meshbench serve`: one plain and one streaming chat
completion. Prints one JSON object with what came back; the JUnit test OpenAiClientTest checks it.
Usage: python openai_client.py BASE_URL [API_KEY]"""
import json
import sys

from openai import OpenAI

base_url = sys.argv[1]
client = OpenAI(base_url=base_url, api_key=sys.argv[2] if len(sys.argv) > 2 else "unused", max_retries=0,
                timeout=60)

models = [m.id for m in client.models.list()]

plain = client.chat.completions.create(
    model="meshbench",
    messages=[{"role": "user", "content": "Describe a beautiful sunset over the ocean"}],
)

stream = client.chat.completions.create(
    model="meshbench",
    messages=[{"role": "system", "content": "Be brief."},
              {"role": "user", "content": "Describe the sea"}],
    stream=True,
    stream_options={"include_usage": True},
)
pieces, finish, usage, fingerprint = [], None, None, None
for chunk in stream:
    if chunk.usage is not None:
        usage = chunk.usage.model_dump()
    if chunk.system_fingerprint:
        fingerprint = chunk.system_fingerprint
    for choice in chunk.choices:
        if choice.delta.content:
            pieces.append(choice.delta.content)
        if choice.finish_reason:
            finish = choice.finish_reason

try:
    client.chat.completions.create(model="meshbench", messages=[])
    error = None
except Exception as e:  # the client raises BadRequestError with the service's message
    error = {"class": type(e).__name__, "status": getattr(e, "status_code", None), "message": str(e)}

print(json.dumps({
    "models": models,
    "plain": {"id": plain.id, "content": plain.choices[0].message.content,
              "finish": plain.choices[0].finish_reason, "fingerprint": plain.system_fingerprint,
              "usage": plain.usage.model_dump()},
    "stream": {"content": "".join(pieces), "pieces": len(pieces), "finish": finish, "usage": usage,
               "fingerprint": fingerprint},
    "error": error,
}))
