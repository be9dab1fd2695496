export default function Home() {
  return <main>Audience Insights</main>;
}
